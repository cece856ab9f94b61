signlog summary --format md testdata/shapes/portal-array.json
