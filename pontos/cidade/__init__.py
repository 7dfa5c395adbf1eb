"""Cidade sintética: gera, de uma semente, a escala de QUALITY.md (ou um bairro pequeno).

``ContextoCidade`` (em ``contexto.py``) é o contrato com os geradores de cada programa,
registrados em ``pontos.extensoes.geradores_cidade`` como ``fn(*, contexto)``. O núcleo gera
territórios, secretarias, Pontos, espaços, pessoas e produtos (``nucleo.py``); cada programa
acrescenta as suas linhas usando ``contexto.copiar(Modelo, linhas)``.
"""
