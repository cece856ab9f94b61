signlog codes --status failure 50126
