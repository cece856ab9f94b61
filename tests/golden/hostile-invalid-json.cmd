signlog -f json summary testdata/hostile/invalid-json.jsonl
