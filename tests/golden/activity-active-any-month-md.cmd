signlog -f md active --any-status --by month testdata/reports/activity-signins.jsonl
