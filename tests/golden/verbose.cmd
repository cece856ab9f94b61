signlog summary -v testdata/shapes/multi.json.gz testdata/shapes/eventhub.json testdata/shapes/bom.json
