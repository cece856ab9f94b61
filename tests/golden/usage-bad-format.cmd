signlog summary --format xml testdata/shapes/jsonl.jsonl
