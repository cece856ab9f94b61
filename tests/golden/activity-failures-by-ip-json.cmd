signlog -f json failures --by ip --top 4 testdata/reports/activity-signins.jsonl
