signlog summary --ascii testdata/shapes/portal-array.json
