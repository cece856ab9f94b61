signlog summary -f json testdata/csv/regress/type-cr
