signlog -f md user 0A1B2C3D-4444-4A5B-8C9D-000000000004 testdata/reports/users-signins.jsonl
