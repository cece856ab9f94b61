signlog -f json report testdata/html/hostile.jsonl
