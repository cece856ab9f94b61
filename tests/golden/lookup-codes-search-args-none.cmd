signlog -f csv codes --search kerberos 50126 50140
