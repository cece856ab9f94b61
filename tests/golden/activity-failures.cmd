signlog failures testdata/reports/activity-signins.jsonl
