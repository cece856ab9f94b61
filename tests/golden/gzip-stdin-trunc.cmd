signlog status - < testdata/gzip/trunc-member.jsonl.gz
