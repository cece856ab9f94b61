signlog -f jsonl status --by ip --country XX testdata/shapes/jsonl.jsonl
