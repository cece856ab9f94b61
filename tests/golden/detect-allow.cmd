signlog detect --allow testdata/detect/allow.txt testdata/detect/spray.jsonl testdata/detect/travel.jsonl testdata/detect/new-country.jsonl
