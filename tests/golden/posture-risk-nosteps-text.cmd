signlog risk testdata/reports/posture-nosteps.jsonl
