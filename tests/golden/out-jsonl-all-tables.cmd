signlog -f jsonl summary testdata/shapes/jsonl.jsonl
