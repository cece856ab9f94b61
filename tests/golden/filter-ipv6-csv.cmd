signlog -f csv status --by ip --ip 2001:db8::/32 --ip ::ffff:192.0.2.0/120 testdata/filters/signins.jsonl
