signlog -f jsonl detect testdata/detect/spray.jsonl
