signlog summary testdata/shapes/jsonl.jsonl testdata/no-such-file.json
