signlog summary testdata/tree/
