signlog codes --search kerberos
