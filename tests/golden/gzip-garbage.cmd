signlog status testdata/gzip/garbage.jsonl.gz
