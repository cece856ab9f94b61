signlog -f json timeline dana.ortiz@contoso.com testdata/reports/timeline-signins.jsonl
