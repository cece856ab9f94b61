signlog summary --format json testdata/bad/malformed-line.jsonl
