signlog summary testdata/bad/truncated-array.json
