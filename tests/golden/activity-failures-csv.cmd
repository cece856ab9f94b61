signlog -f csv failures testdata/reports/activity-signins.jsonl
