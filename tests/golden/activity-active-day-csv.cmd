signlog -f csv active --by day testdata/reports/activity-signins.jsonl
