signlog status --by client-app testdata/reports/activity-signins.jsonl
