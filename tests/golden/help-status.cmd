signlog help status
