signlog -f csv list --columns user,auth-method testdata/bad/bidi.jsonl
