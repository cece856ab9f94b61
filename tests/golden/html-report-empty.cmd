signlog report testdata/bad/empty.json
