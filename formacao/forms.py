"""Formulários da formação (campos explícitos; mensagens em pt-BR junto ao campo)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from formacao.models import PassoFormalizacao

FORMATOS_DATA = ["%d/%m/%Y", "%Y-%m-%d"]
TIPOS_COMPROVANTE = {b"%PDF": "PDF", b"\xff\xd8\xff": "JPEG", b"\x89PNG": "PNG"}
TAMANHO_MAXIMO = 5 * 1024 * 1024


class CampoData(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", FORMATOS_DATA)
        kwargs.setdefault("error_messages", {"invalid": _("Informe a data como dd/mm/aaaa.")})
        super().__init__(**kwargs)


class CodigoForm(forms.Form):
    codigo = forms.CharField(
        label=_("Código"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class VerificarForm(forms.Form):
    codigo = forms.CharField(
        label=_("Código de verificação do certificado"),
        max_length=40,
        help_text=_("Está no rodapé do certificado, no formato XXXX-XXXX-XXXX."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class EncontroForm(forms.Form):
    data = CampoData(label=_("Data"))
    hora_inicio = forms.TimeField(label=_("Início"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    hora_fim = forms.TimeField(label=_("Fim"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def clean(self):
        dados = super().clean()
        if dados.get("hora_inicio") and dados.get("hora_fim") and dados["hora_fim"] <= dados["hora_inicio"]:
            self.add_error("hora_fim", _("O fim precisa ser depois do início."))
        return dados

    def periodo(self):
        dados = self.cleaned_data
        fuso = timezone.get_current_timezone()
        inicio = datetime.datetime.combine(dados["data"], dados["hora_inicio"], tzinfo=fuso)
        fim = datetime.datetime.combine(dados["data"], dados["hora_fim"], tzinfo=fuso)
        return inicio, fim


class PresencaForm(forms.Form):
    presentes = forms.MultipleChoiceField(
        label=_("Quem está presente"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, matriculas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presentes"].choices = [(str(m.pk), m.empreendedor.nome_exibicao) for m in matriculas]


class RevogarForm(forms.Form):
    motivo = forms.CharField(label=_("Motivo da revogação"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class EtapaForm(forms.Form):
    passo = forms.ChoiceField(choices=PassoFormalizacao.choices, widget=forms.HiddenInput)
    feito_em = CampoData(label=_("Quando fez"), required=False)
    dado = forms.CharField(label=_("Dado"), max_length=40, required=False)
    nao_se_aplica = forms.BooleanField(label=_("Não se aplica a mim"), required=False)
    comprovante = forms.FileField(
        label=_("Comprovante (opcional: PDF, JPEG ou PNG até 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def clean_comprovante(self):
        arquivo = self.cleaned_data.get("comprovante")
        if not arquivo:
            return arquivo
        if arquivo.size > TAMANHO_MAXIMO:
            raise forms.ValidationError(_("O arquivo passa de 5 MB."))
        inicio = arquivo.read(8)
        arquivo.seek(0)
        if not any(inicio.startswith(assinatura) for assinatura in TIPOS_COMPROVANTE):
            raise forms.ValidationError(_("Envie um PDF, JPEG ou PNG."))
        return arquivo
