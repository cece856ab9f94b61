signlog -f md failures --by country testdata/reports/activity-signins.jsonl
