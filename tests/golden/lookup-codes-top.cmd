signlog codes --top 3 50126
