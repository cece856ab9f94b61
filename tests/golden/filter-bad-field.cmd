signlog status --where colour=blue testdata/filters/signins.jsonl
