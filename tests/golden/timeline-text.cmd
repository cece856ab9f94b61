signlog timeline Dana.Ortiz@Contoso.com testdata/reports/timeline-signins.jsonl
