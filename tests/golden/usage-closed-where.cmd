signlog status --where event-type=interactiv testdata/shapes/jsonl.jsonl
