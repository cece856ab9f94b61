signlog clients testdata/reports/posture-nosteps.jsonl
