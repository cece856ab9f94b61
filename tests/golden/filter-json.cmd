signlog -f json users --user '*@contoso.com' --since 2026-03-03 --match 'user-agent~(?i)edge|zo' testdata/filters/signins.jsonl
