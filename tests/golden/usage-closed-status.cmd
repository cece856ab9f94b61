signlog status --status failed testdata/shapes/jsonl.jsonl
