signlog -f md codes
