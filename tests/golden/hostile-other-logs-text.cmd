signlog summary testdata/hostile/other-logs.jsonl
