signlog summary --format csv testdata/bad/escapes.jsonl
