"""As visões do painel como listas de tabelas (com gráfico), para página, exportação e PDF."""

import dataclasses
import hashlib

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from governo import graficos, selectors

VISOES = {
    "painel": _("Painel"),
    "sustentabilidade": _("Sustentabilidade"),
    "trajetorias": _("Trajetórias"),
    "equidade": _("Equidade"),
}
VISOES_PESSOAS = {"trajetorias", "equidade"}


def visoes_permitidas(usuario):
    return [v for v in VISOES if v not in VISOES_PESSOAS or selectors.ve_pessoas(usuario)]


def painel(*, usuario, filtros):
    itens = selectors.destaques(usuario=usuario, filtros=filtros)
    serie = selectors.serie_mensal(usuario=usuario, filtros=filtros)
    serie.grafico = graficos.colunas(serie)
    ponto = selectors.por_ponto(usuario=usuario, filtros=filtros)
    ponto.grafico = graficos.barras(ponto)
    programa = selectors.por_programa(usuario=usuario, filtros=filtros)
    programa.grafico = graficos.barras(programa, indices=(1, 2))
    return {
        "destaques": itens,
        "tabelas": [selectors.tabela_destaques(itens, filtros.periodo), serie, ponto, programa],
    }


def sustentabilidade(*, usuario, filtros):
    resumo, serie, pontos = selectors.sustentabilidade(usuario=usuario, filtros=filtros)
    serie.grafico = graficos.linha(serie, indice=3, referencia=100)
    pontos.grafico = graficos.barras(dataclasses.replace(pontos, linhas=pontos.linhas[:15]), indices=(1, 2))
    return {"resumo": resumo, "tabelas": [serie, pontos]}


def trajetorias(*, usuario, filtros):
    tabela = selectors.trajetorias(usuario=usuario, filtros=filtros)
    tabela.grafico = graficos.colunas(tabela, indices=(2, 3))
    return {"tabelas": [tabela]}


def equidade(*, usuario, filtros):
    tabelas = selectors.equidade(filtros=filtros)
    for tabela in tabelas:
        tabela.grafico = graficos.barras(tabela, indices=(1,))
    return {"tabelas": tabelas}


def montar(visao, *, usuario, filtros):
    return {"painel": painel, "sustentabilidade": sustentabilidade, "trajetorias": trajetorias, "equidade": equidade}[
        visao
    ](usuario=usuario, filtros=filtros)


def chave_escopo(usuario):
    """O que o usuário enxerga do resumo: "todos" (Governo) ou as secretarias/Pontos dos vínculos."""
    from pontos.escopo import eh_governo, vinculos_de

    if eh_governo(usuario):
        return "todos"
    return ";".join(
        sorted(f"{v.secretaria_id}:{','.join(str(p.pk) for p in v.pontos.all())}" for v in vinculos_de(usuario))
    )


def chave_visao(visao, *, usuario, filtros, atualizacao):
    """O que determina uma visão pronta: a atualização do resumo, a visão, o escopo e os filtros."""
    campos = dataclasses.asdict(filtros)
    campos.pop("rotulos", None)
    assinatura = hashlib.sha256(repr((visao, chave_escopo(usuario), sorted(campos.items()))).encode()).hexdigest()
    return f"governo:visao:{atualizacao.pk if atualizacao else 'sem-resumo'}:{assinatura}"


def montar_em_cache(visao, *, usuario, filtros, atualizacao):
    """Os números só mudam quando o resumo é refeito: guarda a visão pronta até a próxima atualização.

    O HTML dos gráficos e tabelas também fica em cache com a mesma chave (``{% cache %}`` em
    ``governo/base_governo.html``): montar as tabelas custava mais que ler o resumo.
    """
    if atualizacao is None:
        return montar(visao, usuario=usuario, filtros=filtros)
    chave = chave_visao(visao, usuario=usuario, filtros=filtros, atualizacao=atualizacao)
    dados = cache.get(chave)
    if dados is None:
        dados = montar(visao, usuario=usuario, filtros=filtros)
        cache.set(chave, dados, 20 * 60)
    return dados
