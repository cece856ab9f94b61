signlog apps --format md testdata/reports/posture-signins.jsonl
