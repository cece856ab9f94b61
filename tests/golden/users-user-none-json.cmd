signlog -f json user nobody@contoso.com testdata/reports/users-signins.jsonl
