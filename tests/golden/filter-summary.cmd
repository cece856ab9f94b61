signlog summary --country NL --country DE --status success testdata/filters/signins.jsonl
