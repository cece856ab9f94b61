signlog timeline testdata/shapes/jsonl.jsonl
