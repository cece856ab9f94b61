signlog -f json codes xyz 50126
