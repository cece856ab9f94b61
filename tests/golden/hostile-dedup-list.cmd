signlog -f json list --columns request-id,time,user,risk-during,risk-state,ca-policy,error-code,country testdata/hostile/dedup.jsonl
