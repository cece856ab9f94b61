signlog -j 3 summary testdata/csv/regress/order
