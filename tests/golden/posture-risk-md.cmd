signlog risk --format md testdata/reports/posture-signins.jsonl
