signlog users testdata/reports/users-signins.jsonl
