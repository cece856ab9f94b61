signlog summary -j zero testdata/shapes/jsonl.jsonl
