signlog -f json detect testdata/demo/
