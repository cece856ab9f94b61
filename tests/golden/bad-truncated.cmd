signlog summary testdata/bad/truncated.jsonl
