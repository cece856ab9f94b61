signlog status --match 'user~a[b' testdata/filters/signins.jsonl
