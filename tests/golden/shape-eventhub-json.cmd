signlog summary testdata/shapes/eventhub.json
