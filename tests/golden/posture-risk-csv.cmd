signlog risk --format csv testdata/reports/posture-signins.jsonl
