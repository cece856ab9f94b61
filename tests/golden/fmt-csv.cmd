signlog summary --format csv testdata/shapes/portal-array.json
