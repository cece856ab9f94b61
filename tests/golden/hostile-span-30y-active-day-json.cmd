signlog -f json active --by day testdata/hostile/span-30y.jsonl
