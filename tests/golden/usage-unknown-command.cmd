signlog frobnicate testdata/shapes/jsonl.jsonl
