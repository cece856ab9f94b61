signlog -f json summary testdata/gzip/*.gz testdata/gzip/portal
