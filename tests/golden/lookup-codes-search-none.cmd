signlog codes --search zzzq
