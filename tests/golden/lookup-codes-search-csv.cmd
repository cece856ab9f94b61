signlog -f csv codes --search "Conditional Access"
