"""Formulários do painel: os filtros (GET, ficam na URL) e o lançamento de custo."""

import datetime
import re

from django import forms
from django.core.cache import cache
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from governo import selectors
from governo.models import ItemCusto
from governo.periodos import periodo_ano, periodo_mes, periodo_personalizado, periodo_trimestre
from pontos.escopo import eh_governo, vinculos_de
from pontos.forms.widgets import SelectRapido
from pontos.models import Ponto, Secretaria, Territorio

MESES = [
    (1, _("janeiro")),
    (2, _("fevereiro")),
    (3, _("março")),
    (4, _("abril")),
    (5, _("maio")),
    (6, _("junho")),
    (7, _("julho")),
    (8, _("agosto")),
    (9, _("setembro")),
    (10, _("outubro")),
    (11, _("novembro")),
    (12, _("dezembro")),
]
PERIODOS = [
    ("mes", _("Mês")),
    ("trimestre", _("Trimestre")),
    ("ano", _("Ano")),
    ("personalizado", _("Personalizado")),
]
RE_MES = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))\s*$")


class CampoMes(forms.CharField):
    """Mês como AAAA-MM (campo ``month`` do navegador) ou MM/AAAA."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "AAAA-MM"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        achado = RE_MES.match(value)
        if not achado:
            raise forms.ValidationError(_("Informe o mês como AAAA-MM (ex.: 2026-03)."))
        ano, mes = (achado.group(1), achado.group(2)) if achado.group(1) else (achado.group(4), achado.group(3))
        try:
            return datetime.date(int(ano), int(mes), 1)
        except ValueError:
            raise forms.ValidationError(_("Mês inválido.")) from None


class ListaEmCache:
    """Opções de uma lista longa (Pontos, territórios) já montadas em HTML, guardadas no cache."""

    def __init__(self, pares, vazio):
        self.rotulos = {str(pk): nome for pk, nome in pares}
        opcoes = [f'<option value="">{escape(vazio)}</option>']
        opcoes += [f'<option value="{pk}">{escape(nome)}</option>' for pk, nome in pares]
        self.html = "".join(opcoes)


class SelectEmCache(forms.Select):
    """``<select>`` cujas opções vêm prontas de ``ListaEmCache``; só marca a escolhida."""

    lista = None

    def render(self, name, value, attrs=None, renderer=None):
        atributos = self.build_attrs(self.attrs, attrs)
        atributos["name"] = name
        html = self.lista.html if self.lista else ""
        if value not in (None, ""):
            alvo = f'value="{escape(str(value))}"'
            html = html.replace(f"{alvo}>", f"{alvo} selected>", 1)
        return mark_safe(f"<select{flatatt(atributos)}>{html}</select>")  # noqa: S308  # nosec B308 B703 — opções passaram por escape()


class CampoLista(forms.TypedChoiceField):
    """Escolha numa ``ListaEmCache`` (sem normalizar mil opções a cada pedido)."""

    widget = SelectEmCache

    def __init__(self, **kwargs):
        super().__init__(coerce=int, required=False, empty_value=None, **kwargs)
        self.lista = None

    def usar(self, lista):
        self.lista = lista
        self.widget.lista = lista

    def valid_value(self, value):
        return self.lista is not None and str(value) in self.lista.rotulos


def _lista(chave, consulta, vazio):
    return cache.get_or_set(chave, lambda: ListaEmCache(list(consulta()), vazio), 20 * 60)


def _opcional(campo, texto):
    return [("", texto), *campo]


class FiltroForm(forms.Form):
    periodo = forms.ChoiceField(label=_("Período"), choices=PERIODOS, required=False, widget=SelectRapido)
    ano = forms.IntegerField(label=_("Ano"), min_value=2000, max_value=2100, required=False)
    mes = forms.TypedChoiceField(label=_("Mês"), choices=MESES, coerce=int, required=False, widget=SelectRapido)
    trimestre = forms.TypedChoiceField(
        label=_("Trimestre"),
        choices=[(n, f"{n}º") for n in range(1, 5)],
        coerce=int,
        required=False,
        widget=SelectRapido,
    )
    de = CampoMes(label=_("De (mês)"), required=False)
    ate = CampoMes(label=_("Até (mês)"), required=False)
    territorio = CampoLista(label=_("Território"))
    ponto = CampoLista(label=_("Ponto"))
    programa = forms.ChoiceField(label=_("Programa"), required=False, widget=SelectRapido)
    secretaria = forms.TypedChoiceField(
        label=_("Secretaria"), coerce=int, required=False, empty_value=None, widget=SelectRapido
    )
    indicador = forms.ChoiceField(label=_("Indicador dos gráficos"), required=False, widget=SelectRapido)

    def __init__(self, *args, usuario, atualizacao=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.usuario = usuario
        hoje = timezone.localdate()
        self.initial = {
            "periodo": "trimestre",
            "ano": hoje.year,
            "mes": hoje.month,
            "trimestre": (hoje.month - 1) // 3 + 1,
            **self.initial,
        }
        # Uma consulta por lista (guardada até a próxima atualização do resumo), sem consulta na validação.
        versao = atualizacao.pk if atualizacao else 0
        self.fields["territorio"].usar(
            _lista(
                f"governo:opcoes:territorios:{versao}",
                lambda: Territorio.objects.order_by("nome").values_list("pk", "nome"),
                str(_("Todos")),
            )
        )
        self.fields["ponto"].usar(
            _lista(
                f"governo:opcoes:pontos:{versao}",
                lambda: Ponto.objects.order_by("nome").values_list("pk", "nome"),
                str(_("Todos")),
            )
        )
        if eh_governo(usuario):
            secretarias = list(Secretaria.objects.filter(eh_governo=False).values_list("pk", "sigla"))
        else:
            secretarias = sorted({(v.secretaria_id, v.secretaria.sigla) for v in vinculos_de(usuario)})
        self.fields["secretaria"].choices = _opcional([(pk, s.upper()) for pk, s in secretarias], _("Todas"))
        self.fields["programa"].choices = _opcional([(p, p) for p in selectors.programas()], _("Todos"))
        self.fields["indicador"].choices = _opcional(
            [
                (i.chave, f"{i.programa} — {i.titulo}")
                for i in sorted(selectors.catalogo().values(), key=lambda i: (i.programa, i.titulo))
            ],
            _("Padrão (receita)"),
        )
        for nome, campo in self.fields.items():
            campo.widget.attrs["class"] = "form-select" if isinstance(campo.widget, forms.Select) else "form-control"
            if self.is_bound and nome in self.errors:
                campo.widget.attrs.update({"aria-invalid": "true", "aria-describedby": f"erro_{nome}"})

    def filtros(self):
        """Os filtros válidos; campos com erro caem no padrão (a página mostra o erro)."""
        dados = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        tipo = dados.get("periodo") or self.initial["periodo"]
        ano = dados.get("ano") or self.initial["ano"]
        if tipo == "mes":
            periodo = periodo_mes(ano, dados.get("mes") or self.initial["mes"])
        elif tipo == "ano":
            periodo = periodo_ano(ano)
        elif tipo == "personalizado" and dados.get("de") and dados.get("ate"):
            periodo = periodo_personalizado(dados["de"], dados["ate"])
        else:
            periodo = periodo_trimestre(ano, dados.get("trimestre") or self.initial["trimestre"])
        rotulos = {}
        for nome in ("territorio", "ponto", "secretaria"):
            if dados.get(nome):
                campo = self.fields[nome]
                lista = campo.lista.rotulos if isinstance(campo, CampoLista) else dict(campo.choices)
                rotulos[nome] = lista.get(str(dados[nome]) if isinstance(campo, CampoLista) else dados[nome], "")
        if dados.get("programa"):
            rotulos["programa"] = dados["programa"]
        return selectors.Filtros(
            periodo=periodo,
            territorio_id=dados.get("territorio"),
            ponto_id=dados.get("ponto"),
            programa=dados.get("programa") or "",
            secretaria_id=dados.get("secretaria"),
            indicador=dados.get("indicador") or "",
            rotulos=rotulos,
        )

    def clean(self):
        dados = super().clean()
        if dados.get("periodo") == "personalizado" and not (dados.get("de") and dados.get("ate")):
            self.add_error("de", _("No período personalizado, informe o mês inicial e o final."))
        return dados


def filtros_de(dados, *, usuario):
    """Filtros a partir de um dicionário (GET ou o JSON guardado num relatório)."""
    form = FiltroForm(dados or None, usuario=usuario)
    form.is_valid()
    return form, form.filtros()


class ItemCustoForm(forms.ModelForm):
    """Lançamento de custo na Gestão; o programa vem da lista de programas registrados."""

    programa = forms.ChoiceField(label=_("programa"))

    class Meta:
        model = ItemCusto
        fields = ["ponto", "programa", "mes", "categoria", "valor", "horas", "descricao"]
        widgets = {"mes": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        opcoes = [*selectors.programas(), "Geral"]
        self.fields["programa"].choices = [(p, p) for p in opcoes if p != "Núcleo"]

    def clean_mes(self):
        mes = self.cleaned_data["mes"]
        return mes.replace(day=1) if mes else mes
