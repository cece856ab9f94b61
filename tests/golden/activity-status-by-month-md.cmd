signlog -f md status --by month testdata/reports/activity-signins.jsonl
