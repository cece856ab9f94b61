signlog summary testdata/gzip/trunc-member.jsonl.gz
