signlog failures --by user testdata/reports/activity-signins.jsonl
