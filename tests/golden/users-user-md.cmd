signlog -f md user alice.smith@contoso.com testdata/reports/users-signins.jsonl
