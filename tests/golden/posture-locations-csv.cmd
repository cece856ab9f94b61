signlog locations --format csv testdata/reports/posture-signins.jsonl
