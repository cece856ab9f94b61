signlog detect --timeline testdata/detect/spray.jsonl testdata/detect/mfa-fatigue.jsonl
