"""Indicadores das feiras para o Painel de Governo: valores por Ponto e mês (e secretaria)."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import TruncMonth

from feiras.models import Alocacao, CategoriaFeira, Feira, Inscricao, RelatoVendas, StatusFeira, StatusInscricao
from pontos.extensoes import Indicador, ValorIndicador


def _mes(valor):
    if isinstance(valor, datetime.datetime):
        valor = valor.date()
    return valor.replace(day=1) if valor else None


def _recorte(consulta, prefixo, *, inicio, fim, pontos, secretarias):
    filtros = {f"{prefixo}data__gte": inicio, f"{prefixo}data__lte": fim}
    consulta = consulta.filter(**filtros).exclude(**{f"{prefixo}status": StatusFeira.CANCELADA})
    if pontos is not None:
        consulta = consulta.filter(**{f"{prefixo}ponto_id__in": list(pontos)})
    if secretarias is not None:
        consulta = consulta.filter(**{f"{prefixo}secretaria_id__in": list(secretarias)})
    return consulta


def _agrupar(consulta, prefixo, **agregados):
    return (
        consulta.annotate(_mes=TruncMonth(f"{prefixo}data"))
        .values(f"{prefixo}ponto_id", f"{prefixo}secretaria_id", "_mes")
        .annotate(**agregados)
        .order_by()
    )


def _valores(linhas, prefixo, campo):
    return [
        ValorIndicador(
            valor=linha[campo] or 0,
            ponto_id=linha[f"{prefixo}ponto_id"],
            secretaria_id=linha[f"{prefixo}secretaria_id"],
            mes=_mes(linha["_mes"]),
        )
        for linha in linhas
    ]


def _datas(inicio, fim):
    if isinstance(inicio, datetime.datetime):
        inicio = inicio.date()
    if isinstance(fim, datetime.datetime):
        fim = fim.date()
    return inicio, fim


def feiras_realizadas(*, inicio, fim, pontos=None, secretarias=None):
    inicio, fim = _datas(inicio, fim)
    consulta = _recorte(Feira.objects.all(), "", inicio=inicio, fim=fim, pontos=pontos, secretarias=secretarias)
    consulta = consulta.filter(Q(status=StatusFeira.REALIZADA) | Q(inscricoes__status=StatusInscricao.PRESENTE))
    return _valores(_agrupar(consulta, "", n=Count("pk", distinct=True)), "", "n")


def bancas_ofertadas(*, inicio, fim, pontos=None, secretarias=None):
    inicio, fim = _datas(inicio, fim)
    consulta = _recorte(
        CategoriaFeira.objects.all(), "feira__", inicio=inicio, fim=fim, pontos=pontos, secretarias=secretarias
    )
    return _valores(_agrupar(consulta, "feira__", n=Sum("cota")), "feira__", "n")


def bancas_ocupadas(*, inicio, fim, pontos=None, secretarias=None):
    inicio, fim = _datas(inicio, fim)
    consulta = _recorte(
        Inscricao.objects.filter(status=StatusInscricao.PRESENTE),
        "feira__",
        inicio=inicio,
        fim=fim,
        pontos=pontos,
        secretarias=secretarias,
    )
    return _valores(_agrupar(consulta, "feira__", n=Count("pk")), "feira__", "n")


def _razao(numeradores, denominadores):
    chave = lambda v: (v.ponto_id, v.secretaria_id, v.mes)  # noqa: E731
    base = {chave(v): v.valor for v in denominadores}
    saida = []
    for v in numeradores:
        total = base.get(chave(v)) or 0
        if total:
            saida.append(
                ValorIndicador(
                    valor=round(Decimal(v.valor) * 100 / Decimal(total), 1),
                    ponto_id=v.ponto_id,
                    secretaria_id=v.secretaria_id,
                    mes=v.mes,
                )
            )
    return saida


def taxa_ocupacao(*, inicio, fim, pontos=None, secretarias=None):
    args = {"inicio": inicio, "fim": fim, "pontos": pontos, "secretarias": secretarias}
    return _razao(bancas_ocupadas(**args), bancas_ofertadas(**args))


def empreendedores_distintos(*, inicio, fim, pontos=None, secretarias=None):
    inicio, fim = _datas(inicio, fim)
    consulta = _recorte(
        Inscricao.objects.filter(status=StatusInscricao.PRESENTE),
        "feira__",
        inicio=inicio,
        fim=fim,
        pontos=pontos,
        secretarias=secretarias,
    )
    return _valores(_agrupar(consulta, "feira__", n=Count("empreendedor_id", distinct=True)), "feira__", "n")


def estreantes(*, inicio, fim, pontos=None, secretarias=None):
    """Pessoas cuja primeira banca (em qualquer feira) caiu no período, no Ponto e mês da estreia."""
    inicio, fim = _datas(inicio, fim)
    primeiras = Alocacao.objects.values("empreendedor_id").annotate(primeira=Min("feira__data"))
    estreias = {
        linha["empreendedor_id"]: linha["primeira"]
        for linha in primeiras.filter(primeira__gte=inicio, primeira__lte=fim)
    }
    if not estreias:
        return []
    consulta = _recorte(
        Alocacao.objects.all(), "feira__", inicio=inicio, fim=fim, pontos=pontos, secretarias=secretarias
    )
    contagem = defaultdict(set)
    for pessoa, data, ponto, secretaria in consulta.values_list(
        "empreendedor_id", "feira__data", "feira__ponto_id", "feira__secretaria_id"
    ).iterator(chunk_size=5000):
        if estreias.get(pessoa) == data:
            contagem[(ponto, secretaria, _mes(data))].add(pessoa)
    return [
        ValorIndicador(valor=len(p), ponto_id=k[0], secretaria_id=k[1], mes=k[2])
        for k, p in sorted(contagem.items(), key=str)
    ]


def taxa_ausencia(*, inicio, fim, pontos=None, secretarias=None):
    inicio, fim = _datas(inicio, fim)
    consulta = _recorte(
        Inscricao.objects.filter(status__in=[StatusInscricao.PRESENTE, StatusInscricao.AUSENTE]),
        "feira__",
        inicio=inicio,
        fim=fim,
        pontos=pontos,
        secretarias=secretarias,
    )
    linhas = _agrupar(
        consulta, "feira__", total=Count("pk"), ausentes=Count("pk", filter=Q(status=StatusInscricao.AUSENTE))
    )
    return [
        ValorIndicador(
            valor=round(Decimal(linha["ausentes"]) * 100 / Decimal(linha["total"]), 1),
            ponto_id=linha["feira__ponto_id"],
            secretaria_id=linha["feira__secretaria_id"],
            mes=_mes(linha["_mes"]),
        )
        for linha in linhas
        if linha["total"]
    ]


def _relatos(inicio, fim, pontos, secretarias):
    inicio, fim = _datas(inicio, fim)
    return _recorte(
        RelatoVendas.objects.all(), "inscricao__feira__", inicio=inicio, fim=fim, pontos=pontos, secretarias=secretarias
    )


def vendas_total(*, inicio, fim, pontos=None, secretarias=None):
    consulta = _relatos(inicio, fim, pontos, secretarias)
    return _valores(_agrupar(consulta, "inscricao__feira__", v=Sum("valor_bruto")), "inscricao__feira__", "v")


def vendas_por_pessoa(*, inicio, fim, pontos=None, secretarias=None):
    consulta = _relatos(inicio, fim, pontos, secretarias)
    linhas = _agrupar(
        consulta, "inscricao__feira__", v=Sum("valor_bruto"), n=Count("inscricao__empreendedor_id", distinct=True)
    )
    return [
        ValorIndicador(
            valor=(linha["v"] / linha["n"]).quantize(Decimal("0.01")),
            ponto_id=linha["inscricao__feira__ponto_id"],
            secretaria_id=linha["inscricao__feira__secretaria_id"],
            mes=_mes(linha["_mes"]),
        )
        for linha in linhas
        if linha["n"]
    ]


def vendas_por_categoria(*, inicio, fim, pontos=None, secretarias=None):
    from pontos.models import CategoriaProduto

    rotulos = dict(CategoriaProduto.choices)
    consulta = _relatos(inicio, fim, pontos, secretarias)
    linhas = (
        consulta.annotate(_mes=TruncMonth("inscricao__feira__data"), _cat=F("inscricao__categoria__categoria"))
        .values("inscricao__feira__ponto_id", "inscricao__feira__secretaria_id", "_mes", "_cat")
        .annotate(v=Sum("valor_bruto"))
        .order_by()
    )
    return [
        ValorIndicador(
            valor=linha["v"],
            ponto_id=linha["inscricao__feira__ponto_id"],
            secretaria_id=linha["inscricao__feira__secretaria_id"],
            mes=_mes(linha["_mes"]),
            detalhe=str(rotulos.get(linha["_cat"], linha["_cat"])),
        )
        for linha in linhas
    ]


def taxas_arrecadadas(*, inicio, fim, pontos=None, secretarias=None):
    inicio, fim = _datas(inicio, fim)
    consulta = _recorte(
        Inscricao.objects.filter(
            status__in=[StatusInscricao.PRESENTE, StatusInscricao.APROVADA], categoria__isenta=False
        ),
        "feira__",
        inicio=inicio,
        fim=fim,
        pontos=pontos,
        secretarias=secretarias,
    )
    return _valores(_agrupar(consulta, "feira__", v=Sum("categoria__taxa")), "feira__", "v")


INDICADORES = [
    Indicador("feiras.realizadas", "Feiras realizadas", "Feiras", "feiras", feiras_realizadas),
    Indicador("feiras.bancas_ofertadas", "Bancas ofertadas", "Feiras", "bancas", bancas_ofertadas),
    Indicador("feiras.bancas_ocupadas", "Bancas ocupadas", "Feiras", "bancas", bancas_ocupadas),
    Indicador("feiras.taxa_ocupacao", "Taxa de ocupação das bancas", "Feiras", "%", taxa_ocupacao),
    Indicador(
        "feiras.empreendedores", "Empreendedores distintos nas feiras", "Feiras", "pessoas", empreendedores_distintos
    ),
    Indicador("feiras.estreantes", "Estreantes nas feiras", "Feiras", "pessoas", estreantes),
    Indicador("feiras.taxa_ausencia", "Taxa de ausência", "Feiras", "%", taxa_ausencia),
    Indicador("feiras.vendas", "Vendas relatadas nas feiras", "Feiras", "R$", vendas_total, sustentabilidade="receita"),
    Indicador("feiras.vendas_por_pessoa", "Vendas relatadas por pessoa", "Feiras", "R$", vendas_por_pessoa),
    Indicador("feiras.vendas_por_categoria", "Vendas relatadas por categoria", "Feiras", "R$", vendas_por_categoria),
    Indicador(
        "feiras.taxas", "Taxas de banca arrecadadas", "Feiras", "R$", taxas_arrecadadas, sustentabilidade="receita"
    ),
]
