signlog -f json mfa --by day testdata/hostile/span-30y.jsonl | jq -c '[(.by_period | length), .notes.by_period]'
