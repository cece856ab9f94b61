signlog ca --format md testdata/reports/posture-signins.jsonl
