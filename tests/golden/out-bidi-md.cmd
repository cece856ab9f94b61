signlog -f md list --columns user,app,failure-reason,auth-method testdata/bad/bidi.jsonl
