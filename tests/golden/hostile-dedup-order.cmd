signlog -j 1 -f csv summary testdata/hostile/dedup.jsonl testdata/shapes/jsonl.jsonl
