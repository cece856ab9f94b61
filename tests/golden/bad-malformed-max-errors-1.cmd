signlog summary --max-errors 1 testdata/bad/malformed-line.jsonl
