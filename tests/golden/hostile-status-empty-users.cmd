signlog -f csv users testdata/hostile/graph-status-empty.json
