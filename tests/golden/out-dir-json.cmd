signlog -f json -o /tmp/ summary testdata/shapes/jsonl.jsonl
