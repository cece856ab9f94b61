signlog -v status - < testdata/gzip/gzgz.jsonl.gz
