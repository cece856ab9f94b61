signlog -f json summary testdata/hostile/other-logs.jsonl testdata/hostile/graph-directory-audits.json
