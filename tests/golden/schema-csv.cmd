signlog -f csv schema
