signlog risk --format json testdata/reports/posture-signins.jsonl
