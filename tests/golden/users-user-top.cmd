signlog user --top 1 alice.smith@contoso.com testdata/reports/users-signins.jsonl
