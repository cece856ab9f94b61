signlog codes --user alice@example.com 50126
