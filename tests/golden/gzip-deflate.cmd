signlog status testdata/gzip/deflate.jsonl.gz
