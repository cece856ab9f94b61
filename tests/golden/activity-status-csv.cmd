signlog -f csv status testdata/reports/activity-signins.jsonl
