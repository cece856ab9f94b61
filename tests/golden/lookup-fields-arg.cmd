signlog fields user
