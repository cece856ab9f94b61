signlog -f csv list --columns request-id,user,app,auth-method,auth-succeeded,ca-policy,ca-result,risk-event,latency --sort -latency testdata/reports/list-signins.jsonl
