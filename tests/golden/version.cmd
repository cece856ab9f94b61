signlog --version
