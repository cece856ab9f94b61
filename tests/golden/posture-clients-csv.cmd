signlog clients --format csv testdata/reports/posture-signins.jsonl
