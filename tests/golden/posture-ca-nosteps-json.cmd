signlog ca -f json testdata/reports/posture-nosteps.jsonl
