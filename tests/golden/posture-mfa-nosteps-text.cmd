signlog mfa testdata/reports/posture-nosteps.jsonl
