signlog -f csv users testdata/hostile/mfa-push-primary.jsonl
