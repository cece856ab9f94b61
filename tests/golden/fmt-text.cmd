signlog summary --format text testdata/shapes/portal-array.json
