signlog -V
