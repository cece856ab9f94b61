signlog summary - < testdata/shapes/jsonl.jsonl.gz
