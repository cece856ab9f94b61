signlog -f json list --columns time,user,city,auth-method,ca-policy,risk-event --sort time --limit 4 testdata/reports/list-signins.jsonl
