signlog risk --top 1 -f json testdata/reports/posture-signins.jsonl
