cat testdata/shapes/diag.jsonl | signlog summary --format json -
