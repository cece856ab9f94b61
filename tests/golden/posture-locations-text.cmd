signlog locations --format text testdata/reports/posture-signins.jsonl
