signlog locations --top 2 testdata/reports/posture-signins.jsonl
