signlog -f json user alice.smith@contoso.com testdata/reports/users-signins.jsonl
