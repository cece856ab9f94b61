signlog -f md failures testdata/reports/activity-signins.jsonl
