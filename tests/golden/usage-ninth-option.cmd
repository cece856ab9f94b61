signlog status --top 1 --top 2 --top 3 --top 4 --top 5 --top 6 --top 7 --top 8 --gap 1d testdata/shapes/jsonl.jsonl
