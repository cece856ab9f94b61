signlog --format json -q summary testdata/shapes/jsonl.jsonl
