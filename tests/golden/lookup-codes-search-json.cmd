signlog -f json codes --search CONSENT
