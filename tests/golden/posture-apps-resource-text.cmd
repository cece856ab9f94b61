signlog apps --by resource testdata/reports/posture-signins.jsonl
