"""Cidade sintética: artistas, chamadas, propostas e apresentações em massa (bulk_create)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from cultura.models import Apresentacao, Artista, Chamada, EstadoChamada, EstadoProposta, Finalidade, Proposta
from cultura.models.artistas import Linguagem, TipoArtista
from pontos.models import Espaco, TipoEspaco

LOTE = 2000


def gerar_cidade(*, contexto):
    """Gera ~1 artista a cada 40 pessoas, 2 chamadas por ano e apresentações nos palcos.

    As apresentações da cidade sintética não ocupam ``Reserva`` (medem leitura, não marcação) e
    nunca se sobrepõem para o mesmo artista (uma por artista por dia, em horários fixos).
    """
    aleatorio = contexto.aleatorio
    secretaria_id = contexto.secretarias.get("smc") or next(iter(contexto.secretarias.values()))
    linguagens = list(Linguagem.values)
    pessoas = contexto.empreendedores[::40] or contexto.empreendedores[:1]
    artistas = Artista.objects.bulk_create(
        [
            Artista(
                responsavel_id=pessoa,
                tipo=aleatorio.choice([TipoArtista.INDIVIDUAL, TipoArtista.COLETIVO]),
                nome_artistico=f"Artista {indice + 1}",
                linguagem=aleatorio.choice(linguagens),
                release="Gerado para a cidade sintética.",
            )
            for indice, pessoa in enumerate(pessoas)
        ],
        batch_size=LOTE,
    )
    contexto.log(f"cultura: {len(artistas)} artistas")
    fuso = timezone.get_current_timezone()
    anos = range(contexto.inicio.year, contexto.fim.year + 1)
    chamadas = Chamada.objects.bulk_create(
        [
            Chamada(
                secretaria_id=secretaria_id,
                titulo=f"Chamada cultural {ano}/{semestre}",
                finalidade=Finalidade.APRESENTACOES,
                descricao="Chamada da cidade sintética.",
                elegibilidade="Artistas da cidade.",
                abertura=datetime.datetime(ano, 1 + 6 * (semestre - 1), 1, tzinfo=fuso),
                encerramento=datetime.datetime(ano, 1 + 6 * (semestre - 1), 28, tzinfo=fuso),
                vagas=50,
                cache_valor=Decimal("800.00"),
                estado=EstadoChamada.FINAL,
            )
            for ano in anos
            for semestre in (1, 2)
        ]
    )
    propostas = []
    for chamada in chamadas:
        for posicao, artista in enumerate(aleatorio.sample(artistas, min(len(artistas), 200)), start=1):
            propostas.append(
                Proposta(
                    chamada=chamada,
                    artista=artista,
                    titulo=f"Proposta de {artista.nome_artistico}",
                    resumo="Gerada.",
                    estado=EstadoProposta.SELECIONADA if posicao <= chamada.vagas else EstadoProposta.NAO_SELECIONADA,
                    posicao=posicao,
                    nota=Decimal(10 - posicao / 100).quantize(Decimal("0.001")),
                    enviada_em=chamada.abertura + datetime.timedelta(days=1),
                )
            )
    Proposta.objects.bulk_create(propostas, batch_size=LOTE)
    contexto.log(f"cultura: {len(chamadas)} chamadas, {len(propostas)} propostas")
    palcos = list(
        Espaco.objects.filter(ponto_id__in=contexto.pontos, tipo=TipoEspaco.PALCO).values_list("pk", "ponto_id")
    )
    if not palcos or not artistas:
        return
    apresentacoes = []
    dia = contexto.inicio
    por_dia = 2 if contexto.escala == "bairro" else 40
    while dia <= contexto.fim:
        if dia.weekday() == 5:
            escolhidos = aleatorio.sample(artistas, min(len(artistas), por_dia))
            for indice, artista in enumerate(escolhidos):
                espaco_id, ponto_id = palcos[indice % len(palcos)]
                inicio = datetime.datetime.combine(dia, datetime.time(10 + (indice // len(palcos)) % 6), tzinfo=fuso)
                apresentacoes.append(
                    Apresentacao(
                        secretaria_id=secretaria_id,
                        artista=artista,
                        ponto_id=ponto_id,
                        espaco_id=espaco_id,
                        titulo=f"Show de {artista.nome_artistico}",
                        inicio=inicio,
                        duracao_minutos=50,
                        fim=inicio + datetime.timedelta(minutes=50),
                        publico_estimado=aleatorio.randint(20, 300),
                        cache=Decimal("800.00"),
                    )
                )
        dia += datetime.timedelta(days=1)
    Apresentacao.objects.bulk_create(apresentacoes, batch_size=LOTE)
    contexto.log(f"cultura: {len(apresentacoes)} apresentações")
