signlog ca --format json testdata/reports/posture-signins.jsonl
