signlog -f json status --match 'user~^a++$' --match 'user~(?>a+)+$' testdata/hostile/regex-backtrack.jsonl
