signlog -f md codes --search interrupt
