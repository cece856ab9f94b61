signlog -f json summary --max-bytes 1K testdata/hostile/dedup.jsonl
