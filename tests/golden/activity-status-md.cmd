signlog -f md status testdata/reports/activity-signins.jsonl
