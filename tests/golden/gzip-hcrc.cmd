signlog status testdata/gzip/hcrc.jsonl.gz
