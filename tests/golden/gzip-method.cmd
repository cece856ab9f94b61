signlog status testdata/gzip/method.jsonl.gz
