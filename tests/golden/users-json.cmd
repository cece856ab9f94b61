signlog -f json users testdata/reports/users-signins.jsonl
