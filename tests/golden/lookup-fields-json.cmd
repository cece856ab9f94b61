signlog -f json fields
