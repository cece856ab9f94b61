signlog summary --format json testdata/bad/truncated.jsonl
