signlog user testdata/reports/users-signins.jsonl
