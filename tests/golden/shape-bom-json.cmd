signlog summary testdata/shapes/bom.json
