signlog report --top 3 --tz +02:00 --status failure testdata/demo/
