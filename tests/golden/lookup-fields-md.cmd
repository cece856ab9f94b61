signlog -f md fields
