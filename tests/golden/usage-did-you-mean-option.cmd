signlog summary --stauts failure testdata/shapes/jsonl.jsonl
