signlog -f csv status --by week testdata/hostile/span-30y.jsonl | sed -n '1,3p;$p' && signlog -f csv status --by week testdata/hostile/span-30y.jsonl | wc -l
