signlog -f json failures testdata/reports/activity-signins.jsonl
