signlog status testdata/gzip/header-fields.jsonl.gz
