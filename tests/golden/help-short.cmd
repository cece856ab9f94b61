signlog -h
