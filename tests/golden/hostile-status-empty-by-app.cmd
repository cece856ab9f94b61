signlog status --by app testdata/hostile/graph-status-empty.json
