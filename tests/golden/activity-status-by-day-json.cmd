signlog -f json status --by day testdata/reports/activity-hours.jsonl
