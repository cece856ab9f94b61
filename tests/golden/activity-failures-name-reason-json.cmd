signlog -f json failures testdata/demo/
