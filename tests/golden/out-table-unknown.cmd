signlog -f csv --table event_type summary testdata/shapes/jsonl.jsonl
