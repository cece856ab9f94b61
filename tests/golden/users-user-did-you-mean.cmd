signlog user emily.brawn@contoso.com testdata/demo/
