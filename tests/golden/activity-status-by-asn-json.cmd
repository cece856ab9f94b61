signlog -f json status --by asn testdata/demo/
