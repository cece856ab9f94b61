signlog summary testdata/does-not-exist.json testdata/shapes/jsonl.jsonl
