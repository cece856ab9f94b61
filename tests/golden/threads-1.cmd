signlog -j 1 summary --format json testdata/shapes/jsonl.jsonl testdata/demo
