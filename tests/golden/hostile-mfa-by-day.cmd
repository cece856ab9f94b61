signlog -f csv --table by_period mfa --by day testdata/hostile/mfa-push-primary.jsonl
