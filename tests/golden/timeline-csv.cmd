signlog -f csv timeline DANA.ORTIZ@CONTOSO.COM testdata/reports/timeline-signins.jsonl
