signlog codes
