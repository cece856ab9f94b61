signlog mfa --top 2 --ascii testdata/reports/posture-signins.jsonl
