signlog -f csv --mfa list --columns request-id,auth-requirement,additional-details testdata/hostile/mfa-push-primary.jsonl
