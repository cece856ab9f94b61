signlog status --match 'user~(*NO_JIT)(a+)+$' testdata/hostile/regex-backtrack.jsonl
