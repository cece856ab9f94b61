signlog apps --format json testdata/reports/posture-signins.jsonl
