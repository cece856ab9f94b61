signlog -f csv users testdata/reports/users-signins.jsonl
