signlog status --by week testdata/reports/activity-empty.jsonl
