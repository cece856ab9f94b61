signlog mfa --format csv testdata/reports/posture-signins.jsonl
