signlog -f json summary testdata/hostile/graph-status-empty.json
