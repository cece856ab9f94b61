signlog status testdata/gzip/portal/
