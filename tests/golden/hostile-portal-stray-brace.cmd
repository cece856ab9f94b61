signlog -f json summary testdata/hostile/portal-stray-brace.json
