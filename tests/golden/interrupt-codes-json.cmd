signlog summary --format json --interrupt-codes 50126,53003 testdata/shapes/portal-array.json
