signlog status testdata/gzip/crc.jsonl.gz
