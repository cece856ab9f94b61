signlog -f md users testdata/reports/users-signins.jsonl
