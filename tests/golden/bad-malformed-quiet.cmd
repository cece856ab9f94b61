signlog summary -q testdata/bad/malformed-line.jsonl
