signlog mfa --format md testdata/reports/posture-signins.jsonl
