signlog -f json summary testdata/hostile/InteractiveSignIns_2026-04-10_2026-04-10.csv
