signlog summary - < testdata/gzip/crc.jsonl.gz
