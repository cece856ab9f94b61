signlog -q summary testdata/hostile/evidence
