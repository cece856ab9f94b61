signlog -f json summary --max-records 4 testdata/hostile/dedup.jsonl testdata/hostile/mfa-push-primary.jsonl
