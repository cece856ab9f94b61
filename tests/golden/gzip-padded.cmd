signlog status testdata/gzip/padded.jsonl.gz
