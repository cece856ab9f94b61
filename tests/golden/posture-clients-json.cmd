signlog clients --format json testdata/reports/posture-signins.jsonl
