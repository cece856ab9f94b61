signlog sumary testdata/shapes/jsonl.jsonl
