signlog -f json list --columns request-id,auth-method,auth-step-requirement,auth-succeeded testdata/hostile/mfa-push-primary.jsonl
