signlog apps --top 3 -f json testdata/reports/posture-signins.jsonl
