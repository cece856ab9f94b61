signlog active --any-status testdata/reports/activity-signins.jsonl
