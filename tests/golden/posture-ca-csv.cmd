signlog ca --format csv testdata/reports/posture-signins.jsonl
