signlog help
