"""Orquestra a geração: o núcleo primeiro, depois cada programa registrado."""

import time

from django.db import connection, transaction

from pontos import extensoes
from pontos.cidade.contexto import ContextoCidade
from pontos.cidade.nucleo import gerar_nucleo


def cidade_gerar(*, escala, semente, saida=None, hoje=None):
    contexto = ContextoCidade(escala=escala, semente=semente, saida=saida, hoje=hoje)
    t0 = time.monotonic()
    with transaction.atomic():
        contexto.log(f"Cidade sintética: escala {escala}, semente {semente}")
        gerar_nucleo(contexto=contexto)
        for gerador in extensoes.geradores_cidade:
            nome = f"{gerador.__module__}.{gerador.__qualname__}"
            contexto.log(f"Gerador {nome}")
            gerador(contexto=contexto)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        contexto.log("ANALYZE concluído")
    contexto.duracao = time.monotonic() - t0
    contexto.log(f"Pronto em {contexto.duracao:.1f} s")
    return contexto
