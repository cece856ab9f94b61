signlog -f json timeline --gap 36h dana.ortiz@contoso.com testdata/reports/timeline-signins.jsonl
