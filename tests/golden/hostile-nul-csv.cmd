signlog -f json list --columns request-id,user,ip testdata/hostile/InteractiveSignIns_2026-04-10_2026-04-10.csv
