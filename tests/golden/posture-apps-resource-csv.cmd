signlog apps --by resource -f csv testdata/reports/posture-signins.jsonl
