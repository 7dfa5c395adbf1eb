"""Formatação pt-BR dos números do painel (R$ 1.234,56; 12,5 %; 1.234)."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.http import urlencode

register = template.Library()

VAZIO = "—"


def _agrupar(numero, casas):
    texto = f"{abs(numero):,.{casas}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if numero < 0 else "") + texto


@register.filter
def formatar(valor, formato="numero"):
    """Texto de um valor da Tabela conforme o formato da coluna; ``None`` vira "—"."""
    if valor is None or valor == "":
        return VAZIO
    if formato == "texto" or isinstance(valor, str):
        return str(valor)
    try:
        numero = Decimal(str(valor))
    except (InvalidOperation, ValueError):
        return str(valor)
    if formato == "moeda":
        return f"R$ {_agrupar(numero, 2)}"
    if formato == "pct":
        return f"{_agrupar(numero, 1)} %"
    if numero == numero.to_integral_value():
        return _agrupar(numero, 0)
    return _agrupar(numero, 2)


@register.filter
def formatar_unidade(valor, unidade):
    return formatar(valor, {"R$": "moeda", "%": "pct"}.get(unidade, "numero"))


@register.filter
def sinal(valor):
    """ "subiu", "caiu" ou "estável" para a variação."""
    if valor is None:
        return ""
    return "subiu" if valor > 0 else ("caiu" if valor < 0 else "estável")


@register.simple_tag(takes_context=True)
def url_com(context, **mudancas):
    """A query string atual com alguns parâmetros trocados (os filtros ficam na URL)."""
    request = context["request"]
    parametros = request.GET.copy()
    for chave, valor in mudancas.items():
        if valor in (None, ""):
            parametros.pop(chave, None)
        else:
            parametros[chave] = valor
    return "?" + urlencode(sorted(parametros.lists()), doseq=True) if parametros else "?"
