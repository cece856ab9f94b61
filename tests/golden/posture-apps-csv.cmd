signlog apps --format csv testdata/reports/posture-signins.jsonl
