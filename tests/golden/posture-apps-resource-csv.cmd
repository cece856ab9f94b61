signlog apps --resource -f csv testdata/reports/posture-signins.jsonl
