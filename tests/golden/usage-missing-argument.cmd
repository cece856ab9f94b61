signlog summary testdata/shapes/jsonl.jsonl --format
