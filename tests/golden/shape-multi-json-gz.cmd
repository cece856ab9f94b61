signlog summary testdata/shapes/multi.json.gz
