signlog -f json status --by day testdata/hostile/span-10000d.jsonl | jq -c '[(.by_day | length), .notes]'
