signlog summary testdata/shapes/graph-pages.json
