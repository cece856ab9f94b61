signlog summary --format json testdata/bad/escapes.jsonl
