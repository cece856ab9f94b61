signlog clients --format md testdata/reports/posture-signins.jsonl
