signlog -f json detect testdata/detect/lockout.jsonl testdata/detect/mfa-fraud.jsonl testdata/detect/risky.jsonl testdata/detect/session.jsonl testdata/detect/legacy.jsonl
