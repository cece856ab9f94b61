signlog failures --by ip --top 5 testdata/demo/
