signlog summary --format json testdata/shapes/portal-array.json
