"""Lista enxuta dos históricos da Gestão (``HistoricoAdmin``): inscrições, alocações, relatos…

Uma página custa uma consulta (mais as da sessão): as linhas mais recentes do escopo de quem
pede, filtradas e buscadas, 25 por vez. Sem ``COUNT(*)``: a página seguinte vem por cursor
(``?antes=<id>``), que o índice da chave primária responde direto, em qualquer profundidade.
"""

import dataclasses
import html
from collections.abc import Callable

from django import forms
from django.contrib.admin.utils import display_for_field, display_for_value, label_for_field, quote
from django.core.exceptions import PermissionDenied
from django.db import connections, models, transaction
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pontos.forms.widgets import SelectRapido

POR_PAGINA = 25
VAZIO = "—"


class HistoricoFiltros(forms.Form):
    """Filtros de um histórico: os campos de escolha e booleanos de ``list_filter`` e a busca."""

    antes = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Endereço de página inválido: mostrando as mais recentes."),
            "min_value": _("Endereço de página inválido: mostrando as mais recentes."),
        },
    )

    def __init__(self, *args, admin, **kwargs):
        super().__init__(*args, **kwargs)
        opts = admin.model._meta
        todos = str(_("Todos"))
        for nome in admin.list_filter:
            campo = opts.get_field(nome)
            rotulo = capfirst(str(campo.verbose_name))
            if isinstance(campo, models.BooleanField):
                self.fields[nome] = forms.TypedChoiceField(
                    label=rotulo,
                    required=False,
                    choices=[("", todos), ("1", str(_("Sim"))), ("0", str(_("Não")))],
                    coerce=lambda valor: valor == "1",
                    empty_value=None,
                    widget=SelectRapido,
                )
            elif campo.choices:
                self.fields[nome] = forms.ChoiceField(
                    label=rotulo,
                    required=False,
                    choices=[("", todos), *((v, str(r)) for v, r in campo.flatchoices)],
                    widget=SelectRapido,
                )
            else:
                raise TypeError(f"{opts.label}.{nome}: o histórico filtra só campos de escolha ou booleanos")
        if admin.search_fields:
            self.fields["q"] = forms.CharField(label=str(_("Buscar")), required=False, max_length=100, strip=True)
        self.order_fields([*admin.list_filter, "q", "antes"])

    def valor(self, nome):
        """O valor válido de um filtro (um valor inválido vale como vazio; o erro aparece ao lado)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(nome)


@dataclasses.dataclass
class Coluna:
    """Uma coluna de ``list_display``: o rótulo e como mostrar o valor de uma linha.

    Montada uma vez por página, com os rótulos das escolhas já traduzidos (traduzir um por
    célula pesava tanto quanto a consulta).
    """

    rotulo: str
    valor: Callable[[models.Model], str]


def _formatador(admin, nome):
    opts = admin.model._meta
    sim, nao = str(_("Sim")), str(_("Não"))
    metodo = getattr(admin, nome, None) if nome != "pk" else None
    if callable(metodo):
        if getattr(metodo, "boolean", False):
            return lambda obj: sim if metodo(obj) else nao
        return lambda obj: display_for_value(metodo(obj), VAZIO)
    campo = opts.pk if nome == "pk" else opts.get_field(nome)
    atributo = campo.name

    def ler(obj):
        return getattr(obj, atributo)

    if campo.choices:
        rotulos = {chave: str(rotulo) for chave, rotulo in campo.flatchoices}
        return lambda obj: VAZIO if ler(obj) is None else rotulos.get(ler(obj), str(ler(obj)))
    if isinstance(campo, models.BooleanField):
        return lambda obj: VAZIO if ler(obj) is None else (sim if ler(obj) else nao)
    if campo.is_relation:
        return lambda obj: VAZIO if ler(obj) is None else str(ler(obj))
    # Datas como dd/mm/aaaa (e hora), no fuso da cidade.
    if isinstance(campo, models.DateTimeField):
        return lambda obj: VAZIO if ler(obj) is None else date_format(localtime(ler(obj)), "SHORT_DATETIME_FORMAT")
    if isinstance(campo, models.DateField):
        return lambda obj: VAZIO if ler(obj) is None else date_format(ler(obj), "SHORT_DATE_FORMAT")
    return lambda obj: VAZIO if ler(obj) is None else str(display_for_field(ler(obj), campo, VAZIO))


def _rotulo(admin, nome):
    if nome == "pk":
        return str(_("nº"))
    return capfirst(str(label_for_field(nome, admin.model, admin)))


def colunas_de(admin):
    """As colunas do histórico, montadas uma vez por idioma e guardadas no próprio admin."""
    memoria = admin.__dict__.setdefault("_historico_colunas", {})
    idioma = get_language()
    if idioma not in memoria:
        memoria[idioma] = [
            Coluna(rotulo=_rotulo(admin, nome), valor=_formatador(admin, nome)) for nome in admin.list_display
        ]
    return memoria[idioma]


@dataclasses.dataclass
class Linha:
    objeto: models.Model
    url: str
    celulas: list

    def html(self):
        """A linha da tabela montada em Python: 25 linhas de 7 células pesavam no template.

        Escapa com ``html.escape`` direto (o ``escape`` do Django confere se cada argumento é
        texto preguiçoso, 600 vezes por página); o que já vem seguro passa como está.
        """
        primeira, *demais = (c if isinstance(c, SafeData) else html.escape(str(c)) for c in self.celulas)
        celulas = "".join(f"<td>{c}</td>" for c in demais)
        url = html.escape(self.url)
        return mark_safe(f'<tr><th scope="row"><a href="{url}">{primeira}</a></th>{celulas}</tr>')  # noqa: S308  # nosec B308 B703 — tudo passou por html.escape


def historico_pagina(admin, request, filtros):
    """As linhas da página pedida e se há mais antigas (uma consulta)."""
    consulta = admin.get_queryset(request).select_related(*admin.list_select_related)
    if admin.historico_campos:
        consulta = consulta.only(*admin.historico_campos)
    for nome in admin.list_filter:
        valor = filtros.valor(nome)
        if valor not in (None, ""):
            consulta = consulta.filter(**{nome: valor})
    termo = filtros.valor("q")
    if termo:
        consulta, duplicadas = admin.get_search_results(request, consulta, termo)
        if duplicadas:
            consulta = consulta.distinct()
    antes = filtros.valor("antes")
    if antes:
        consulta = consulta.filter(pk__lt=antes)
    itens = _ler_sem_memoize(consulta.order_by("-pk")[: POR_PAGINA + 1])
    return itens[:POR_PAGINA], len(itens) > POR_PAGINA


def _ler_sem_memoize(consulta):
    """Lê a página com o Memoize do PostgreSQL desligado só nesta consulta.

    Com ``LIMIT`` sobre milhões de linhas o planejador estima um milhão de buscas nas tabelas
    ligadas e prepara um cache (Memoize) do tamanho disso: só montar e desmontar a tabela de
    hash levava ~5 ms, contra ~0,6 ms da consulta inteira sem ele (EXPLAIN ANALYZE na cidade).
    """
    conexao = connections[consulta.db]
    if conexao.vendor != "postgresql":
        return list(consulta)
    with transaction.atomic(using=consulta.db):
        with conexao.cursor() as cursor:
            cursor.execute("SET LOCAL enable_memoize = off")
        return list(consulta)


def historico_lista(admin, request):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if not admin.has_view_or_change_permission(request):
        raise PermissionDenied
    request.current_app = admin.admin_site.name
    opts = admin.model._meta
    filtros = HistoricoFiltros(request.GET, admin=admin)
    itens, tem_mais = historico_pagina(admin, request, filtros)
    colunas = colunas_de(admin)
    base = reverse(f"{admin.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
    linhas = [
        Linha(objeto=obj, url=f"{base}{quote(obj.pk)}/change/", celulas=[c.valor(obj) for c in colunas])
        for obj in itens
    ]
    mantidos = {
        nome: valor for nome, valor in request.GET.items() if valor and nome in filtros.fields and nome != "antes"
    }
    contexto = {
        **admin.admin_site.each_context(request),
        "title": capfirst(str(opts.verbose_name_plural)),
        "plural": str(opts.verbose_name_plural),
        "modulo": str(opts.app_config.verbose_name),
        "opts": opts,
        "app_label": opts.app_label,
        "filtros": filtros,
        "colunas": colunas,
        "linhas": linhas,
        # Cada linha já veio escapada de Linha.html.
        "corpo": mark_safe("".join(linha.html() for linha in linhas)),  # noqa: S308  # nosec B308 B703
        "url_recentes": f"?{urlencode(mantidos)}" if filtros.valor("antes") else None,
        "url_antigas": f"?{urlencode({**mantidos, 'antes': itens[-1].pk})}" if tem_mais else None,
        "filtrado": bool(mantidos),
        "por_pagina": POR_PAGINA,
    }
    return TemplateResponse(request, "admin/historico.html", contexto)
