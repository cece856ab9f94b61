signlog --ascii active --by week testdata/reports/activity-signins.jsonl
