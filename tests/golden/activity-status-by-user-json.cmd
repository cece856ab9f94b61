signlog -f json status --by user --top 3 testdata/reports/activity-signins.jsonl
