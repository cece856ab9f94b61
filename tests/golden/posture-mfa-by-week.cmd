signlog mfa --by week testdata/demo/
