signlog clients --format text testdata/reports/posture-signins.jsonl
