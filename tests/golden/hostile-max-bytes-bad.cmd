signlog summary --max-bytes 12Q testdata/hostile/dedup.jsonl
