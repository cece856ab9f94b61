signlog user Alice.Smith@CONTOSO.com testdata/reports/users-signins.jsonl
