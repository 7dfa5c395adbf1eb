"""Cidade sintética: feiras, inscrições, alocações e relatos em massa (bulk_create), reprodutíveis pela semente."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from feiras.models import Alocacao, Banca, CategoriaFeira, Feira, Inscricao, LayoutBancas, RelatoVendas, StatusFeira
from pontos.models import CategoriaProduto, Espaco, TipoEspaco

LOTE = 5000
CATEGORIAS = [c for c, _r in CategoriaProduto.choices]


def _parametros(escala):
    # cidade: ~2 feiras por Ponto e mês (≈ 24 mil/ano em 1.000 Pontos), ~45 inscrições por feira (≈ 1 milhão)
    if escala == "cidade":
        return {"feiras_mes": 2, "inscritos": (30, 60), "bancas": 30}
    return {"feiras_mes": 2, "inscritos": (8, 20), "bancas": 15}


def _areas(pontos):
    areas = dict(
        Espaco.objects.filter(ponto_id__in=pontos, tipo=TipoEspaco.AREA_FEIRA)
        .order_by("ponto_id", "pk")
        .values_list("ponto_id", "pk")
    )
    faltam = [p for p in pontos if p not in areas]
    if faltam:
        Espaco.objects.bulk_create(
            [Espaco(ponto_id=p, nome="Área de feira", tipo=TipoEspaco.AREA_FEIRA, capacidade=30) for p in faltam],
            ignore_conflicts=True,
        )
        areas.update(
            Espaco.objects.filter(ponto_id__in=faltam, tipo=TipoEspaco.AREA_FEIRA).values_list("ponto_id", "pk")
        )
    return areas


def _layouts(pontos, secretaria_id, bancas):
    existentes = set(LayoutBancas.objects.filter(ponto_id__in=pontos).values_list("ponto_id", flat=True))
    novos = [
        LayoutBancas(ponto_id=p, secretaria_id=secretaria_id, colunas=10, linhas=bancas // 10 + 1)
        for p in pontos
        if p not in existentes
    ]
    LayoutBancas.objects.bulk_create(novos, batch_size=LOTE)
    layouts = dict(LayoutBancas.objects.filter(ponto_id__in=pontos).values_list("ponto_id", "pk"))
    sem_bancas = set(layouts.values()) - set(
        Banca.objects.filter(layout_id__in=layouts.values()).values_list("layout_id", flat=True)
    )
    Banca.objects.bulk_create(
        [Banca(layout_id=lay, numero=i + 1, x=i % 10 + 1, y=i // 10 + 1) for lay in sem_bancas for i in range(bancas)],
        batch_size=LOTE,
    )
    bancas_por_layout = {}
    for layout_id, banca_id in (
        Banca.objects.filter(layout_id__in=layouts.values()).order_by("numero").values_list("layout_id", "pk")
    ):
        bancas_por_layout.setdefault(layout_id, []).append(banca_id)
    return {p: bancas_por_layout.get(lay, []) for p, lay in layouts.items()}


def gerar_cidade(*, contexto):
    aleatorio = contexto.aleatorio
    parametros = _parametros(contexto.escala)
    secretaria_id = contexto.secretarias.get("smdet") or next(iter(contexto.secretarias.values()))
    pontos = list(contexto.pontos)
    if not pontos or not contexto.empreendedores:
        contexto.log("feiras: sem Pontos ou pessoas; nada a gerar.")
        return
    areas = _areas(pontos)
    bancas = _layouts(pontos, secretaria_id, parametros["bancas"])
    hoje = timezone.localdate()
    total = {"feiras": 0, "inscricoes": 0, "alocacoes": 0, "relatos": 0}
    for ponto_id in pontos:
        with transaction.atomic():
            feiras = []
            dia = contexto.inicio
            while dia <= contexto.fim:
                for semana in range(parametros["feiras_mes"]):
                    data = dia + datetime.timedelta(days=7 * semana * 2 + aleatorio.randint(0, 6))
                    if data > contexto.fim:
                        continue
                    inicio = timezone.make_aware(datetime.datetime.combine(data, datetime.time(9)))
                    feiras.append(
                        Feira(
                            secretaria_id=secretaria_id,
                            ponto_id=ponto_id,
                            espaco_id=areas[ponto_id],
                            titulo=f"Feira de economia solidária {data:%d/%m}",
                            data=data,
                            hora_inicio=datetime.time(9),
                            hora_fim=datetime.time(15),
                            inscricoes_abrem=inicio - datetime.timedelta(days=20),
                            inscricoes_fecham=inicio - datetime.timedelta(days=5),
                            status=StatusFeira.REALIZADA if data < hoje else StatusFeira.AGENDADA,
                            alocada_em=inicio - datetime.timedelta(days=5) if data < hoje else None,
                        )
                    )
                dia = (dia.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
            Feira.objects.bulk_create(feiras, batch_size=LOTE)
            cota = max(1, parametros["bancas"] // len(CATEGORIAS))
            categorias = [CategoriaFeira(feira=f, categoria=c, cota=cota) for f in feiras for c in CATEGORIAS]
            CategoriaFeira.objects.bulk_create(categorias, batch_size=LOTE)
            por_feira = {}
            for categoria in categorias:
                por_feira.setdefault(categoria.feira_id, []).append(categoria)
            inscricoes, alocacoes_plano = [], []
            for feira in feiras:
                quantos = aleatorio.randint(*parametros["inscritos"])
                pessoas = aleatorio.sample(contexto.empreendedores, min(quantos, len(contexto.empreendedores)))
                livres = list(bancas[ponto_id])
                dadas = dict.fromkeys((c.pk for c in por_feira[feira.pk]), 0)
                passada = feira.data < hoje
                for pessoa in pessoas:
                    categoria = aleatorio.choice(por_feira[feira.pk])
                    aprovada = passada and livres and dadas[categoria.pk] < categoria.cota
                    status = "espera"
                    if aprovada:
                        dadas[categoria.pk] += 1
                        status = "ausente" if aleatorio.random() < 0.08 else "presente"
                    elif not passada:
                        status = "recebida"
                    inscricao = Inscricao(
                        feira=feira,
                        empreendedor_id=pessoa,
                        categoria=categoria,
                        produtos="Produtos da cidade sintética",
                        status=status,
                        pontuacao=aleatorio.randint(0, 80) if passada else None,
                        criada_em=feira.inscricoes_abrem + datetime.timedelta(hours=aleatorio.randint(1, 300)),
                    )
                    inscricoes.append(inscricao)
                    if aprovada:
                        alocacoes_plano.append((inscricao, livres.pop(0)))
                for categoria in por_feira[feira.pk]:
                    categoria.aprovadas = dadas[categoria.pk]
            Inscricao.objects.bulk_create(inscricoes, batch_size=LOTE)
            CategoriaFeira.objects.bulk_update(categorias, ["aprovadas"], batch_size=LOTE)
            Alocacao.objects.bulk_create(
                [
                    Alocacao(feira_id=i.feira_id, inscricao=i, empreendedor_id=i.empreendedor_id, banca_id=b)
                    for i, b in alocacoes_plano
                ],
                batch_size=LOTE,
            )
            relatos = [
                RelatoVendas(
                    inscricao=i,
                    valor_bruto=Decimal(aleatorio.randint(50, 1500)),
                    dinheiro=aleatorio.random() < 0.6,
                    pix=aleatorio.random() < 0.8,
                    cartao=aleatorio.random() < 0.3,
                )
                for i in inscricoes
                if i.status == "presente" and aleatorio.random() < 0.7
            ]
            RelatoVendas.objects.bulk_create(relatos, batch_size=LOTE)
            total["feiras"] += len(feiras)
            total["inscricoes"] += len(inscricoes)
            total["alocacoes"] += len(alocacoes_plano)
            total["relatos"] += len(relatos)
    contexto.log(
        "feiras: {feiras} feiras, {inscricoes} inscrições, {alocacoes} alocações, {relatos} relatos".format(**total)
    )
