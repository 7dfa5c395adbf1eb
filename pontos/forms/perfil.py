"""Formulários de Minha conta: perfil, produtos, qualificações, LGPD e cadastro assistido."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from localflavor.br.forms import BRCNPJField, BRCPFField, BRZipCodeField

from pontos.forms.campos import CampoReais
from pontos.models import CategoriaProduto, Empreendedor, Ponto, Produto, SituacaoFormalizacao, Territorio
from pontos.models.pessoas import TipoQualificacao
from pontos.services import imagens

FORMATO_DATA = ["%d/%m/%Y"]


def so_digitos(valor):
    return re.sub(r"\D", "", valor or "")


class CampoData(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", FORMATO_DATA)
        kwargs.setdefault(
            "widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa", "inputmode": "numeric"})
        )
        kwargs.setdefault(
            "error_messages", {"invalid": _("Informe a data no formato dd/mm/aaaa, por exemplo 17/05/1980.")}
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (OverflowError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class CampoTelefone(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "placeholder": "(11) 91234-5678"}))
        super().__init__(**kwargs)

    def clean(self, value):
        valor = super().clean(value)
        if not valor:
            return valor
        digitos = so_digitos(valor)
        if len(digitos) not in (10, 11):
            raise ValidationError(_("Informe o telefone com DDD, por exemplo (11) 91234-5678."), code="telefone")
        return f"({digitos[:2]}) {digitos[2:-4]}-{digitos[-4:]}"


class CampoCEP(BRZipCodeField):
    """CEP com ou sem traço; guardado como 00000-000."""

    def to_python(self, value):
        valor = super().to_python(value)
        digitos = so_digitos(valor)
        if len(digitos) == 8 and re.fullmatch(r"[\d.\s-]+", valor):
            return f"{digitos[:5]}-{digitos[5:]}"
        return valor


class PerfilForm(forms.ModelForm):
    cpf = BRCPFField(
        label=_("CPF"),
        error_messages={
            "invalid": _("CPF inválido: confira os 11 números."),
            "max_digits": _("O CPF tem 11 números."),
            "digits_only": _("Digite só os números do CPF (pontos e traço são opcionais)."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "000.000.000-00", "autocomplete": "off"}),
    )
    data_nascimento = CampoData(label=_("Data de nascimento"))
    telefone = CampoTelefone(label=_("Telefone / WhatsApp"))
    cep = CampoCEP(
        label=_("CEP"),
        required=False,
        error_messages={"invalid": _("CEP inválido: use o formato 00000-000.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "00000-000"}),
    )
    categorias = forms.MultipleChoiceField(
        label=_("O que você produz ou vende"),
        choices=CategoriaProduto.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Marque pelo menos uma categoria.")},
    )
    cnpj = BRCNPJField(
        label=_("CNPJ"),
        required=False,
        help_text=_("Obrigatório se você não for informal."),
        error_messages={
            "invalid": _("CNPJ inválido: confira os 14 números."),
            "max_digits": _("O CNPJ tem 14 números."),
            "digits_only": _("Digite só os números do CNPJ."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "00.000.000/0000-00"}),
    )

    class Meta:
        model = Empreendedor
        fields = [
            "nome",
            "nome_social",
            "nome_publico",
            "cpf",
            "data_nascimento",
            "telefone",
            "cep",
            "endereco",
            "territorio",
            "categorias",
            "descricao",
            "situacao_formalizacao",
            "cnpj",
            "cadunico",
            "consentiu_dados_sensiveis",
            "genero",
            "raca_cor",
            "publicar_vitrine",
            "publicar_contato",
        ]
        widgets = {"descricao": forms.Textarea(attrs={"rows": 4})}
        labels = {"territorio": _("Território onde mora (subprefeitura)")}
        help_texts = {
            "consentiu_dados_sensiveis": _(
                "Opcional. Gênero e raça/cor são dados sensíveis (LGPD): usados só em estatísticas, "
                "nunca publicados. Você pode retirar a autorização quando quiser."
            ),
            "nome_social": _("Se preencher, é o nome usado em todo o portal."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territorio"].required = True
        self.fields["territorio"].queryset = Territorio.objects.order_by("nome")
        self.fields["territorio"].error_messages["required"] = _("Escolha o território onde você mora.")
        self.fields["nome"].error_messages["required"] = _("Informe seu nome civil.")
        self.fields["cpf"].error_messages["required"] = _("Informe seu CPF.")
        self.fields["data_nascimento"].error_messages["required"] = _("Informe sua data de nascimento.")
        self.fields["telefone"].error_messages["required"] = _("Informe um telefone para contato.")
        for campo in ("genero", "raca_cor"):
            if campo in self.fields:
                self.fields[campo].required = False
        if self.instance and self.instance.cpf and not self.is_bound:
            c = self.instance.cpf
            self.initial["cpf"] = f"{c[:3]}.{c[3:6]}.{c[6:9]}-{c[9:]}" if len(c) == 11 else c

    def clean_cpf(self):
        cpf = so_digitos(self.cleaned_data.get("cpf"))
        duplicado = Empreendedor.objects.filter(cpf=cpf)
        if self.instance.pk:
            duplicado = duplicado.exclude(pk=self.instance.pk)
        if duplicado.exists():
            raise ValidationError(
                _(
                    "Este CPF já está cadastrado. Se você foi cadastrado(a) por um Ponto, use "
                    "“Assumir meu cadastro” com o código que recebeu; se não, procure a equipe de um Ponto."
                ),
                code="cpf_duplicado",
            )
        return cpf

    def clean_cep(self):
        cep = self.cleaned_data.get("cep") or ""
        digitos = so_digitos(cep)
        return f"{digitos[:5]}-{digitos[5:]}" if digitos else ""

    def clean_data_nascimento(self):
        import datetime

        data = self.cleaned_data.get("data_nascimento")
        if data and (data > datetime.date.today() or data.year < 1900):
            raise ValidationError(_("Confira a data de nascimento."), code="data")
        return data

    def clean(self):
        dados = super().clean()
        situacao = dados.get("situacao_formalizacao")
        cnpj = so_digitos(dados.get("cnpj"))
        if situacao and situacao != SituacaoFormalizacao.INFORMAL and not cnpj and "cnpj" not in self.errors:
            self.add_error("cnpj", _("Informe o CNPJ: ele é obrigatório para quem não é informal."))
        dados["cnpj"] = cnpj if situacao != SituacaoFormalizacao.INFORMAL else ""
        if not dados.get("consentiu_dados_sensiveis") and (dados.get("genero") or dados.get("raca_cor")):
            self.add_error(
                "consentiu_dados_sensiveis",
                _("Para informar gênero ou raça/cor, marque a autorização de uso para estatísticas."),
            )
        return dados


class ProdutoForm(forms.ModelForm):
    foto = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_("JPEG, PNG ou WebP, até 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    preco_referencia = CampoReais(
        label=_("Preço de referência (R$)"),
        required=False,
        maximo=Decimal("10000000"),
        mensagem=_("Informe o preço em reais, por exemplo 25,00."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "0,00", "autocomplete": "off"}),
    )

    class Meta:
        model = Produto
        fields = ["nome", "categoria", "descricao", "preco_referencia", "foto", "publicado"]
        widgets = {"descricao": forms.Textarea(attrs={"rows": 3})}

    def clean_foto(self):
        arquivo = self.cleaned_data.get("foto")
        if not arquivo or not hasattr(arquivo, "read"):
            return None
        return imagens.imagem_preparar(arquivo)


class QualificacaoEnvioForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Tipo de qualificação"), choices=TipoQualificacao.choices)
    origem = forms.CharField(label=_("Onde obteve (curso, instituição ou documento)"), max_length=200)
    valida_de = CampoData(label=_("Válida desde"))
    valida_ate = CampoData(label=_("Válida até (se houver)"), required=False)
    evidencia = forms.FileField(
        label=_("Comprovante"),
        help_text=_("PDF ou foto (JPEG, PNG, WebP), até 5 MB."),
        error_messages={"required": _("Envie o comprovante para a equipe verificar.")},
    )

    def clean_evidencia(self):
        arquivo = self.cleaned_data.get("evidencia")
        return imagens.documento_preparar(arquivo) if arquivo else None

    def clean(self):
        dados = super().clean()
        if dados.get("valida_de") and dados.get("valida_ate") and dados["valida_ate"] < dados["valida_de"]:
            self.add_error("valida_ate", _("A data final deve ser depois da inicial."))
        return dados


class ExcluirContaForm(forms.Form):
    senha = forms.CharField(
        label=_("Sua senha"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirmo = forms.BooleanField(
        label=_("Entendo que meus dados pessoais serão apagados e que isso não pode ser desfeito"),
        error_messages={"required": _("Marque a confirmação para excluir a conta.")},
    )

    def __init__(self, *args, usuario, **kwargs):
        self.usuario = usuario
        super().__init__(*args, **kwargs)

    def clean_senha(self):
        senha = self.cleaned_data.get("senha") or ""
        if not self.usuario.check_password(senha):
            raise ValidationError(_("Senha incorreta."), code="senha")
        return senha


class ReivindicarForm(forms.Form):
    cpf = BRCPFField(
        label=_("CPF"),
        error_messages={"invalid": _("CPF inválido: confira os 11 números.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    codigo = forms.CharField(
        label=_("Código recebido no Ponto"), max_length=16, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )

    def clean_cpf(self):
        return so_digitos(self.cleaned_data.get("cpf"))

    def clean_codigo(self):
        return re.sub(r"[\s-]", "", self.cleaned_data.get("codigo") or "").upper()


class CadastroAssistidoForm(PerfilForm):
    """A equipe cadastra uma pessoa sem e-mail; dados sensíveis ficam para a própria pessoa."""

    ponto_cadastro = forms.ModelChoiceField(
        label=_("Ponto onde foi feito o cadastro"),
        queryset=Ponto.objects.none(),
        error_messages={"required": _("Escolha o Ponto do atendimento.")},
    )

    class Meta(PerfilForm.Meta):
        fields = [
            "nome",
            "nome_social",
            "nome_publico",
            "cpf",
            "data_nascimento",
            "telefone",
            "cep",
            "endereco",
            "territorio",
            "categorias",
            "descricao",
            "situacao_formalizacao",
            "cnpj",
            "cadunico",
        ]

    def __init__(self, *args, pontos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ponto_cadastro"].queryset = pontos
        self.order_fields(["ponto_cadastro", *self.Meta.fields])
