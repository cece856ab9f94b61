signlog summary testdata/bad/portal.csv
