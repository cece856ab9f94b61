signlog --wide users --top 3 testdata/demo/
