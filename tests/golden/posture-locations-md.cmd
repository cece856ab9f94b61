signlog locations --format md testdata/reports/posture-signins.jsonl
