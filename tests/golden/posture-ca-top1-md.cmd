signlog ca --top 1 -f md testdata/reports/posture-signins.jsonl
