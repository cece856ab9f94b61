signlog -f json --table mfa summary testdata/hostile/mfa-push-primary.jsonl
