signlog failures --top 3 testdata/reports/activity-signins.jsonl
