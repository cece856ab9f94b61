signlog -f json status --match 'user-agent~^(a|b)*\d+$' testdata/hostile/regex-long-value.jsonl
