signlog detect testdata/detect/typo.jsonl testdata/detect/mfa-mistap.jsonl testdata/detect/spray-nat.jsonl testdata/detect/session-roaming.jsonl testdata/detect/travel-unknown.jsonl
