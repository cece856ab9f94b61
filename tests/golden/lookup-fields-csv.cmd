signlog -f csv fields
