signlog list --columns request-id,user-name,auth-method-detail -f csv --match 'auth-method-detail~^Password . Sync$' testdata/csv/regress/authdetails-utf8
