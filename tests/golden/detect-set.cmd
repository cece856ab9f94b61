signlog detect --set password-spray.min_users=13 --set impossible-travel.min_kmh=20000 testdata/detect/spray.jsonl testdata/detect/travel.jsonl
