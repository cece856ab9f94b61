signlog summary testdata/bad/malformed-line.jsonl
