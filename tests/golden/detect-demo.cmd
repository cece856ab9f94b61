signlog detect testdata/demo/
