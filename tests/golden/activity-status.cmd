signlog status testdata/reports/activity-signins.jsonl
