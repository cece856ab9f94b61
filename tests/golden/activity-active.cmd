signlog active testdata/reports/activity-signins.jsonl
