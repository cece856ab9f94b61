signlog help nosuch
