signlog failures --by os testdata/reports/activity-signins.jsonl
