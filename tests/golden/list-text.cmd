signlog list testdata/reports/list-signins.jsonl
