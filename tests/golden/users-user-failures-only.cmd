signlog -f json user BOB.JONES@contoso.com testdata/reports/users-signins.jsonl
