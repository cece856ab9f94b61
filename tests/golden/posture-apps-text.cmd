signlog apps --format text testdata/reports/posture-signins.jsonl
