signlog -f csv clients testdata/hostile/graph-status-empty.json
