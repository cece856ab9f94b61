signlog -f text list --columns user,nosuch testdata/reports/list-signins.jsonl
