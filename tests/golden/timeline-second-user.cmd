signlog -f csv timeline eve@contoso.com testdata/reports/timeline-signins.jsonl
