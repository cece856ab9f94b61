signlog active --tz -05:30 --by day testdata/reports/activity-hours.jsonl
