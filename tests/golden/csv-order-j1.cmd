signlog -j 1 summary testdata/csv/regress/order
