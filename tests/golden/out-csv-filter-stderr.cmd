signlog -f csv list --status failure testdata/shapes/jsonl.jsonl
