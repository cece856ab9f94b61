signlog summary testdata/hostile/evidence
