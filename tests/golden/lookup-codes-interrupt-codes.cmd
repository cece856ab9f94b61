signlog -f csv --interrupt-codes 50126,81014 codes 50126 50140 81014 0
