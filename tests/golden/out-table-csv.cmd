signlog -f csv --table mfa summary testdata/shapes/jsonl.jsonl
