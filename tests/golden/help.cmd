signlog --help
