signlog status testdata/gzip/isize.jsonl.gz
