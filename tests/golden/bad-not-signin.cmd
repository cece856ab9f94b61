signlog summary testdata/bad/not-signin.json
