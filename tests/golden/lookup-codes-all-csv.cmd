signlog -f csv codes
