signlog mfa testdata/reports/posture-signins.jsonl --top 1
