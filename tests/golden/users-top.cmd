signlog --ascii users --top 2 testdata/reports/users-signins.jsonl
