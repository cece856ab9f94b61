signlog status --by clientapp testdata/shapes/jsonl.jsonl
