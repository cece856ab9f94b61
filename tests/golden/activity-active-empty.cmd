signlog active testdata/reports/activity-empty.jsonl
