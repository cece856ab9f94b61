signlog summary testdata/shapes/concat-arrays.json
