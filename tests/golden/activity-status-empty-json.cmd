signlog -f json status testdata/reports/activity-empty.jsonl
