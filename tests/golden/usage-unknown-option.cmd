signlog summary --bogus testdata/shapes/jsonl.jsonl
