signlog detect --set password-spray.size=3 testdata/detect/spray.jsonl
