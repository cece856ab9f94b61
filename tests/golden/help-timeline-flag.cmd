signlog timeline --help
