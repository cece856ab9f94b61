signlog -f csv failures --by app testdata/reports/activity-signins.jsonl
