signlog -j 1 -f json summary testdata/hostile/prefetch-before-first-row.csv
