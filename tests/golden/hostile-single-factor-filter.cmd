signlog -f csv --single-factor list --columns request-id,auth-requirement,additional-details testdata/hostile/mfa-push-primary.jsonl
