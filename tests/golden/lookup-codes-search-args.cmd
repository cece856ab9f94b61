signlog codes --search password 50140 50126 foo 50055
