signlog summary testdata/demo/
