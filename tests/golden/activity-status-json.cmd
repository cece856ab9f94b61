signlog -f json status testdata/reports/activity-signins.jsonl
