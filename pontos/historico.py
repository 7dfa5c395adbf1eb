"""Lista enxuta dos históricos da Gestão (``HistoricoAdmin``): inscrições, alocações, relatos…

Uma página custa uma consulta (mais as da sessão): as linhas mais recentes do escopo de quem
pede, filtradas e buscadas, 25 por vez. Sem ``COUNT(*)``: a página seguinte vem por cursor
(``?antes=<id>``), que o índice da chave primária responde direto, em qualquer profundidade.
"""

import dataclasses

from django import forms
from django.contrib.admin.utils import display_for_field, display_for_value, label_for_field, quote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

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
        for nome in admin.list_filter:
            campo = opts.get_field(nome)
            rotulo = capfirst(campo.verbose_name)
            if isinstance(campo, models.BooleanField):
                self.fields[nome] = forms.TypedChoiceField(
                    label=rotulo,
                    required=False,
                    choices=[("", _("Todos")), ("1", _("Sim")), ("0", _("Não"))],
                    coerce=lambda valor: valor == "1",
                    empty_value=None,
                )
            elif campo.choices:
                self.fields[nome] = forms.ChoiceField(
                    label=rotulo, required=False, choices=[("", _("Todos")), *campo.flatchoices]
                )
            else:
                raise TypeError(f"{opts.label}.{nome}: o histórico filtra só campos de escolha ou booleanos")
        if admin.search_fields:
            self.fields["q"] = forms.CharField(label=_("Buscar"), required=False, max_length=100, strip=True)
        self.order_fields([*admin.list_filter, "q", "antes"])

    def valor(self, nome):
        """O valor válido de um filtro (um valor inválido vale como vazio; o erro aparece ao lado)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(nome)


@dataclasses.dataclass
class Coluna:
    """Uma coluna de ``list_display``, resolvida uma vez por página (não por célula)."""

    rotulo: str
    campo: models.Field | None = None
    funcao: object = None
    booleano: bool = False

    def valor(self, obj):
        if self.funcao is not None:
            valor = self.funcao(obj)
        else:
            valor = getattr(obj, self.campo.name)
            if valor is None:
                return VAZIO
            if self.campo.choices:
                return display_for_field(valor, self.campo, VAZIO)
            if isinstance(self.campo, models.BooleanField):
                return _("Sim") if valor else _("Não")
            if not self.campo.is_relation:
                return display_for_field(valor, self.campo, VAZIO)
        if self.booleano:
            return _("Sim") if valor else _("Não")
        return display_for_value(valor, VAZIO)


def colunas_de(admin):
    opts = admin.model._meta
    colunas = []
    for nome in admin.list_display:
        if nome == "pk":
            colunas.append(Coluna(rotulo=_("nº"), campo=opts.pk))
            continue
        metodo = getattr(admin, nome, None)
        if callable(metodo):
            colunas.append(
                Coluna(
                    rotulo=label_for_field(nome, admin.model, admin),
                    funcao=metodo,
                    booleano=getattr(metodo, "boolean", False),
                )
            )
        else:
            colunas.append(Coluna(rotulo=capfirst(opts.get_field(nome).verbose_name), campo=opts.get_field(nome)))
    return colunas


@dataclasses.dataclass
class Linha:
    objeto: models.Model
    url: str
    celulas: list


def historico_pagina(admin, request, filtros):
    """As linhas da página pedida e se há mais antigas (uma consulta)."""
    consulta = admin.get_queryset(request).select_related(*admin.list_select_related)
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
    itens = list(consulta.order_by("-pk")[: POR_PAGINA + 1])
    return itens[:POR_PAGINA], len(itens) > POR_PAGINA


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
        "title": capfirst(opts.verbose_name_plural),
        "opts": opts,
        "app_label": opts.app_label,
        "filtros": filtros,
        "colunas": colunas,
        "linhas": linhas,
        "url_recentes": f"?{urlencode(mantidos)}" if filtros.valor("antes") else None,
        "url_antigas": f"?{urlencode({**mantidos, 'antes': itens[-1].pk})}" if tem_mais else None,
        "filtrado": bool(mantidos),
        "por_pagina": POR_PAGINA,
    }
    return TemplateResponse(request, "admin/historico.html", contexto)
