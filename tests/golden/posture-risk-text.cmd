signlog risk --format text testdata/reports/posture-signins.jsonl
