signlog
