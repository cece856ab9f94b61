signlog mfa --format json testdata/reports/posture-signins.jsonl
