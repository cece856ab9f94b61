signlog -f json codes
