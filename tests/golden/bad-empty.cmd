signlog summary testdata/bad/empty.json
