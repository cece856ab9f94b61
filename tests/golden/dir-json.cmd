signlog summary --format json testdata/tree
