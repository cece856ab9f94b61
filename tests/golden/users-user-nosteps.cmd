signlog user carol@fabrikam.com testdata/reports/users-signins.jsonl
