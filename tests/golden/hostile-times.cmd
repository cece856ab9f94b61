signlog --max-errors 10 -f json summary testdata/hostile/times-out-of-range.jsonl
