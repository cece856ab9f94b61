signlog clients --top 1 --ascii testdata/reports/posture-signins.jsonl
