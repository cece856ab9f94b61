signlog summary --max-errors 0 testdata/bad/malformed-line.jsonl
