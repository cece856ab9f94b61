signlog timeline nobody@contoso.com testdata/reports/timeline-signins.jsonl
