signlog -f json active --by month testdata/reports/activity-signins.jsonl
