signlog failures --ip 198.51.100.0/24 testdata/filters/signins.jsonl
