signlog -f json codes --search zzzq
