signlog -f md timeline dana.ortiz@contoso.com testdata/reports/timeline-signins.jsonl
