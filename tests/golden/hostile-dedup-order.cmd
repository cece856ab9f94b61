signlog -j 1 -f jsonl summary testdata/hostile/dedup.jsonl testdata/shapes/jsonl.jsonl
