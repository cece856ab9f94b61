signlog -f csv status --by event-type testdata/reports/activity-signins.jsonl
