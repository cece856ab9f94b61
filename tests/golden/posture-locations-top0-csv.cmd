signlog locations --top 0 -f csv testdata/reports/posture-signins.jsonl
