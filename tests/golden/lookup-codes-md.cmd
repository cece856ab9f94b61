signlog -f md codes 50053 65001 28002 81014 0
