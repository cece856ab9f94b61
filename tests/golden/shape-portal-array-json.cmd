signlog summary testdata/shapes/portal-array.json
