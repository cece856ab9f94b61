signlog -f csv list --country DE,NL --columns user,country testdata/shapes/jsonl.jsonl
