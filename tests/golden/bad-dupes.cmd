signlog summary --format json testdata/bad/dupes.jsonl
