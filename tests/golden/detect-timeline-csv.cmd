signlog -f csv detect --timeline testdata/detect/success-after.jsonl
