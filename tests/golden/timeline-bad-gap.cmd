signlog timeline --gap 7 dana.ortiz@contoso.com testdata/reports/timeline-signins.jsonl
