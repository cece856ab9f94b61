signlog ca --format text testdata/reports/posture-signins.jsonl
