signlog --ascii status --by country --top 2 testdata/reports/activity-signins.jsonl
