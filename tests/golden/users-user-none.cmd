signlog user nobody@contoso.com testdata/reports/users-signins.jsonl
