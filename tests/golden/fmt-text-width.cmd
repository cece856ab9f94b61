signlog users --top 3 testdata/demo/
