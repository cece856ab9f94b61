signlog timeline --top 3 dana.ortiz@contoso.com testdata/reports/timeline-signins.jsonl
