signlog apps --resource testdata/reports/posture-signins.jsonl
