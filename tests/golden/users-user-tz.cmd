signlog user --tz +05:30 alice.smith@contoso.com testdata/reports/users-signins.jsonl
