from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from feiras.models import CAMPOS_PERFIL, Banca, CategoriaFeira, Feira, LayoutBancas, RelatoVendas
from feiras.services import Recorrencia
from pontos.forms.campos import CampoReais
from pontos.models import Espaco, Ponto, TipoEspaco, TipoQualificacao

DATA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
HORA = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATA_HORA = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
FORMATOS_DATA_HORA = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"]


class FeiraForm(forms.ModelForm):
    recorrencia = forms.ChoiceField(label=_("Repetição"), choices=Recorrencia.ESCOLHAS, initial=Recorrencia.UNICA)
    repeticoes = forms.IntegerField(
        label=_("Quantas edições"), min_value=1, max_value=52, initial=1, help_text=_("Conta a primeira.")
    )

    class Meta:
        model = Feira
        fields = [
            "titulo",
            "tema",
            "descricao",
            "ponto",
            "espaco",
            "data",
            "hora_inicio",
            "hora_fim",
            "inscricoes_abrem",
            "inscricoes_fecham",
            "cancelar_ate",
            "numero_to_legal",
        ]
        widgets = {
            "data": DATA,
            "hora_inicio": HORA,
            "hora_fim": HORA,
            "inscricoes_abrem": DATA_HORA,
            "inscricoes_fecham": DATA_HORA,
            "cancelar_ate": DATA_HORA,
            "descricao": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ponto"].queryset = Ponto.objects.ativos().order_by("nome")
        self.fields["espaco"].queryset = Espaco.objects.filter(tipo=TipoEspaco.AREA_FEIRA).select_related("ponto")
        for nome in ("inscricoes_abrem", "inscricoes_fecham", "cancelar_ate"):
            self.fields[nome].input_formats = FORMATOS_DATA_HORA
        self.fields["data"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]


class FeiraEditarForm(forms.ModelForm):
    class Meta:
        model = Feira
        fields = [
            "titulo",
            "tema",
            "descricao",
            "data",
            "hora_inicio",
            "hora_fim",
            "inscricoes_abrem",
            "inscricoes_fecham",
            "cancelar_ate",
            "numero_to_legal",
            "peso_cadunico",
            "peso_territorio",
            "peso_qualificacao",
            "peso_rodizio",
            "peso_ausencia",
        ]
        widgets = FeiraForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nome in ("inscricoes_abrem", "inscricoes_fecham", "cancelar_ate"):
            self.fields[nome].input_formats = FORMATOS_DATA_HORA
        self.fields["data"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]


class CategoriaForm(forms.ModelForm):
    requisitos_perfil = forms.MultipleChoiceField(
        label=_("Campos de perfil exigidos"), choices=CAMPOS_PERFIL, required=False, widget=forms.CheckboxSelectMultiple
    )
    qualificacoes_exigidas = forms.MultipleChoiceField(
        label=_("Qualificações exigidas"),
        choices=TipoQualificacao.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CategoriaFeira
        fields = [
            "categoria",
            "cota",
            "taxa",
            "isenta",
            "motivo_isencao",
            "requisitos_perfil",
            "qualificacoes_exigidas",
        ]


class LayoutForm(forms.ModelForm):
    class Meta:
        model = LayoutBancas
        fields = ["colunas", "linhas"]


class GerarBancasForm(forms.Form):
    quantidade = forms.IntegerField(label=_("Quantas bancas acrescentar"), min_value=1, max_value=400)
    categoria = forms.ChoiceField(
        label=_("Categoria"),
        choices=[("", _("Qualquer categoria"))] + list(Banca._meta.get_field("categoria").choices),
        required=False,
    )
    tamanho = forms.ChoiceField(label=_("Tamanho"), choices=Banca._meta.get_field("tamanho").choices)


class BancaForm(forms.ModelForm):
    class Meta:
        model = Banca
        fields = ["numero", "categoria", "tamanho", "x", "y", "ativa"]
        widgets = {
            "numero": forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            "tamanho": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "x": forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            "y": forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            "ativa": forms.CheckboxInput(attrs={"class": "form-check-input"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categoria"].choices = [("", _("Qualquer categoria"))] + list(
            Banca._meta.get_field("categoria").choices
        )
        self.fields["categoria"].widget.attrs["class"] = "form-select form-select-sm"


BancaFormSet = forms.modelformset_factory(Banca, form=BancaForm, extra=0, can_delete=False)


class CampoCategoria(forms.ModelChoiceField):
    """Escolha da categoria; com ``carregadas`` (as categorias já lidas), valida sem nova consulta."""

    carregadas = None

    def to_python(self, value):
        if self.carregadas is None:
            return super().to_python(value)
        if value in self.empty_values:
            return None
        for categoria in self.carregadas:
            if str(categoria.pk) == str(value):
                return categoria
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


class InscricaoForm(forms.Form):
    categoria = CampoCategoria(
        label=_("Categoria da banca"),
        queryset=CategoriaFeira.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    produtos = forms.CharField(
        label=_("Produtos que vai levar"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ex.: bolo de fubá, pão de mel, cocada."),
    )

    def __init__(self, *args, feira, categorias=None, **kwargs):
        super().__init__(*args, **kwargs)
        campo = self.fields["categoria"]
        campo.queryset = CategoriaFeira.objects.filter(feira=feira).order_by("categoria")
        campo.carregadas = categorias


class RelatoForm(forms.ModelForm):
    valor_bruto = CampoReais(
        label=_("Quanto você vendeu (R$)"),
        help_text=_("O total do dia, antes de descontar custos. Ex.: 350,00"),
    )

    class Meta:
        model = RelatoVendas
        fields = ["valor_bruto", "dinheiro", "pix", "cartao", "outros", "notas"]
        widgets = {"notas": forms.TextInput()}


class LoteForm(forms.Form):
    acao = forms.ChoiceField(
        label=_("Ação"),
        choices=[
            ("aprovar", _("Aprovar e dar banca")),
            ("espera", _("Pôr na lista de espera")),
            ("recusar", _("Recusar")),
        ],
    )
    motivo = forms.CharField(label=_("Motivo (a pessoa vai ler)"), max_length=300, required=False)


class CancelarFeiraForm(forms.Form):
    motivo = forms.CharField(label=_("Motivo do cancelamento"), max_length=200)
