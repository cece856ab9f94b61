signlog summary
