signlog -f json detect testdata/reports/activity-empty.jsonl
