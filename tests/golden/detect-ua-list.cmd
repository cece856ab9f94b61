signlog detect --ua-list testdata/detect/ua-list.txt testdata/detect/useragent.jsonl
