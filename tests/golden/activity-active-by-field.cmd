signlog active --by country testdata/reports/activity-signins.jsonl
