signlog summary --strict testdata/bad/malformed-line.jsonl
