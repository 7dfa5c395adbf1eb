"""Filtros públicos do núcleo: vitrine (django-filter) e agenda (formulário GET)."""

import datetime

import django_filters
from django import forms
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pontos.models import CategoriaProduto, Empreendedor, Ponto, Territorio
from pontos.selectors import FiltroAgenda
from pontos.services.busca import termos_busca

DIAS_AGENDA = 90
DIAS_AGENDA_MAXIMO = 366
DATA_MINIMA = datetime.date(2000, 1, 1)
DATA_MAXIMA = datetime.date(2100, 12, 31)

TIPOS_EVENTO = [
    ("feira", _("Feira")),
    ("apresentacao", _("Apresentação")),
    ("curso", _("Curso")),
    ("oficina", _("Oficina")),
    ("mutirao", _("Mutirão na horta")),
    ("outro", _("Outro")),
]


def estilizar(formulario):
    """Classes do Bootstrap nos campos de um formulário de filtro (renderizado à mão)."""
    for campo in formulario.fields.values():
        classe = "form-select" if isinstance(campo.widget, forms.Select) else "form-control"
        campo.widget.attrs.setdefault("class", classe)
    return formulario


def _pontos_ativos(request=None):
    return Ponto.objects.ativos().only("pk", "nome", "slug").order_by("nome")


def _territorios(request=None):
    return Territorio.objects.only("pk", "nome", "slug").order_by("nome")


class VitrineFiltro(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    categoria = django_filters.ChoiceFilter(
        label=_("Categoria"), choices=CategoriaProduto.choices, method="filtrar_categoria", empty_label=_("Todas")
    )
    territorio = django_filters.ModelChoiceFilter(
        label=_("Território"), queryset=_territorios, to_field_name="slug", empty_label=_("Todos")
    )
    ponto = django_filters.ModelChoiceFilter(
        label=_("Ponto"),
        queryset=_pontos_ativos,
        field_name="ponto_cadastro",
        to_field_name="slug",
        empty_label=_("Todos"),
    )

    class Meta:
        model = Empreendedor
        fields = ["q", "categoria", "territorio", "ponto"]

    @property
    def form(self):
        if not hasattr(self, "_form"):
            self._form = estilizar(super().form)
        return self._form

    def filtrar_texto(self, consulta, nome, valor):
        for termo in termos_busca(valor):
            consulta = consulta.filter(texto_busca__icontains=termo)
        return consulta

    def filtrar_categoria(self, consulta, nome, valor):
        if connection.vendor == "postgresql":
            return consulta.filter(categorias__contains=[valor])
        # SQLite não tem "contém" em JSON: procura o valor entre aspas no texto da lista.
        return consulta.filter(categorias__icontains=f'"{valor}"')


class AgendaFiltroForm(forms.Form):
    ponto = forms.ModelChoiceField(
        label=_("Ponto"), queryset=Ponto.objects.none(), to_field_name="slug", required=False, empty_label=_("Todos")
    )
    territorio = forms.ModelChoiceField(
        label=_("Território"),
        queryset=Territorio.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Todos"),
    )
    tipo = forms.ChoiceField(label=_("Tipo"), choices=[("", _("Todos")), *TIPOS_EVENTO], required=False)
    de = forms.DateField(
        label=_("De"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ate = forms.DateField(
        label=_("Até"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ponto"].queryset = _pontos_ativos()
        self.fields["territorio"].queryset = _territorios()
        for campo in ("de", "ate"):
            self.fields[campo].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        estilizar(self)

    def _data_plausivel(self, campo):
        data = self.cleaned_data.get(campo)
        if data and not (DATA_MINIMA <= data <= DATA_MAXIMA):
            raise forms.ValidationError(_("Escolha uma data entre 2000 e 2100."))
        return data

    def clean_de(self):
        return self._data_plausivel("de")

    def clean_ate(self):
        return self._data_plausivel("ate")

    def clean(self):
        dados = super().clean()
        de, ate = dados.get("de"), dados.get("ate")
        if de and ate and ate < de:
            self.add_error("ate", _("A data final precisa ser igual ou posterior à inicial."))
        elif de and ate and (ate - de).days > DIAS_AGENDA_MAXIMO:
            self.add_error("ate", _("Escolha um período de até um ano."))
        return dados

    def filtro(self):
        """``FiltroAgenda`` a partir dos dados válidos (ou o padrão: hoje + 90 dias)."""
        hoje = timezone.localdate()
        dados = self.cleaned_data if self.is_valid() else {}
        inicio = dados.get("de") or hoje
        fim = dados.get("ate") or inicio + datetime.timedelta(days=DIAS_AGENDA)
        territorio = dados.get("territorio")
        return FiltroAgenda(
            inicio=inicio,
            fim=fim,
            ponto=dados.get("ponto"),
            territorio_id=territorio.pk if territorio else None,
            tipo=dados.get("tipo") or "",
        )


class PontoFiltroForm(forms.Form):
    territorio = forms.ModelChoiceField(
        label=_("Território"),
        queryset=Territorio.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Todos"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territorio"].queryset = _territorios()
        estilizar(self)
