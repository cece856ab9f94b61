signlog status --by hour testdata/reports/activity-hours.jsonl
