signlog locations --format json testdata/reports/posture-signins.jsonl
