signlog -f csv user alice.smith@contoso.com testdata/reports/users-signins.jsonl
