signlog list -f csv --columns user,city,state,country testdata/csv/regress/InteractiveSignIns_locations.csv
