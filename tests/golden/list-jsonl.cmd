signlog -f jsonl list --columns request-id,user,city,compliant,latency,auth-method,ca-policy --sort -user testdata/reports/list-signins.jsonl
