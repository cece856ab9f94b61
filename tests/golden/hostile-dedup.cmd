signlog -f json summary testdata/hostile/dedup.jsonl
