signlog --table status summary testdata/shapes/jsonl.jsonl
