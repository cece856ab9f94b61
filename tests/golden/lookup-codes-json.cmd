signlog -f json codes 50126 53003 70044 81014 foo 0
