signlog -f md list --columns user,app,city,auth-method,ca-policy --sort city testdata/reports/list-signins.jsonl
