signlog mfa --format text testdata/reports/posture-signins.jsonl
