signlog summary testdata/bad/trunc.json.gz
