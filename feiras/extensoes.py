"""Contribuições das feiras aos pontos de extensão do núcleo (registradas em ``ready()``)."""


def registrar():
    pass
