signlog summary testdata/shapes/diag.jsonl
