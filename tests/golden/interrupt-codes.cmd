signlog summary --interrupt-codes 50126 testdata/shapes/portal-array.json
