signlog -f json summary --include '*.jsonl' --include '*.txt' testdata/hostile/evidence
