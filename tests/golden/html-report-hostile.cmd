signlog report testdata/html/hostile.jsonl
