signlog --wide summary testdata/bad/escapes.jsonl
