signlog -f html -o out/ summary testdata/demo/
