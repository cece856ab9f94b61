signlog schema failures --by ip
