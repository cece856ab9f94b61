signlog status --by hour testdata/hostile/span-30y.jsonl
