signlog failures testdata/reports/activity-empty.jsonl
