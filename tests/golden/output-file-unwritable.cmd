signlog summary -o /nonexistent-dir/report.txt testdata/shapes/portal-array.json
