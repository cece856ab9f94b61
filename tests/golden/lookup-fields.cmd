signlog fields
