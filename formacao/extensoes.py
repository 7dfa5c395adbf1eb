"""Contribuições da formação aos pontos de extensão do núcleo (preenchido adiante)."""


def registrar():
    pass
