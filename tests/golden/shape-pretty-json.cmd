signlog summary testdata/shapes/pretty.json
