signlog summary --format csv --csv-raw testdata/bad/escapes.jsonl
