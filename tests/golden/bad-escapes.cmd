signlog summary testdata/bad/escapes.jsonl
