signlog -f csv status --by week testdata/reports/activity-signins.jsonl
