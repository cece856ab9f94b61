signlog -f csv --interrupt-codes 50126,9999903 failures testdata/reports/activity-signins.jsonl
