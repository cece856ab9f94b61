signlog -f json active --any-status testdata/reports/activity-hours.jsonl
