signlog fields --search user
