signlog -f json detect testdata/detect/csv/
