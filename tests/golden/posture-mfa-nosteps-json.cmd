signlog mfa -f json testdata/reports/posture-nosteps.jsonl
