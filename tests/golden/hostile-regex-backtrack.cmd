signlog status --match 'user~(a+)+$' testdata/hostile/regex-backtrack.jsonl
