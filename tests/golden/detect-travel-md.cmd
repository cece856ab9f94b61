signlog -f md detect testdata/detect/travel.jsonl testdata/detect/travel-flight.jsonl testdata/detect/travel-commute.jsonl
