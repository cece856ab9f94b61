signlog -f json mfa testdata/hostile/mfa-push-primary.jsonl
