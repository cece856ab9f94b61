signlog summary --format json testdata/bad/image.png testdata/shapes/jsonl.jsonl testdata/bad/trunc.json.gz
