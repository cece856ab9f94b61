signlog summary -f json testdata/csv/regress/authdetails-utf8
