signlog -f html summary testdata/tree/
