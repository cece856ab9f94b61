signlog summary -f json testdata/shapes/portal-array.json
