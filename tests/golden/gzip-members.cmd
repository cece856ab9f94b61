signlog summary testdata/gzip/members.jsonl.gz
