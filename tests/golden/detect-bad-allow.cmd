signlog detect --allow testdata/detect/bad-allow.txt testdata/detect/spray.jsonl
