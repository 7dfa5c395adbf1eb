"""Gestão do núcleo (``gestao_site``) e o admin da plataforma (``/plataforma/``, só superusuários).

Escopo e permissões vêm de ``GestaoAdmin``; as ações chamam serviços.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from localflavor.br.forms import BRCPFField

from pontos.escopo import vinculos_de
from pontos.gestao import GestaoAdmin, GestaoInline, SuperusuarioAdmin, gestao_site
from pontos.models import (
    AcessoDadosPessoais,
    Consentimento,
    Empreendedor,
    Espaco,
    FotoPonto,
    Infraestrutura,
    Papel,
    Ponto,
    Qualificacao,
    Reserva,
    Secretaria,
    TarefaPendente,
    Territorio,
    Usuario,
    Vinculo,
)
from pontos.services.acessos import acesso_registrar
from pontos.services.busca import empreendedor_indexar
from pontos.services.imagens import imagem_preparar
from pontos.services.qualificacoes import qualificacao_revogar, qualificacao_verificar
from pontos.services.reservas import reserva_cancelar

# --- Plataforma: só superusuários (a equipe das secretarias usa a Gestão) ---------------------


def _plataforma_permitida(request):
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _plataforma_permitida
admin.site.site_header = _("Plataforma — Rede de Pontos (superusuários)")
admin.site.site_title = _("Plataforma")


@admin.register(Usuario)
class UsuarioPlataformaAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "nome", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "nome"]
    fieldsets = (
        (None, {"fields": ("email", "password", "nome")}),
        (_("Permissões"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Datas"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "nome", "password1", "password2")}),)
    filter_horizontal = ()
    list_filter = ["is_staff", "is_superuser", "is_active"]


for _modelo in (Secretaria, Territorio, Vinculo, Consentimento, TarefaPendente):
    admin.site.register(_modelo)


@admin.register(AcessoDadosPessoais)
class AcessoPlataformaAdmin(admin.ModelAdmin):
    list_display = ["momento", "usuario", "empreendedor", "finalidade"]
    list_select_related = ["usuario", "empreendedor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- Gestão --------------------------------------------------------------------------------------


class InfraestruturaInline(GestaoInline):
    model = Infraestrutura
    fields = ["tipo", "capacidade"]


class EspacoInline(GestaoInline):
    model = Espaco
    fields = ["nome", "tipo", "capacidade"]

    def get_queryset(self, request):
        # O rótulo de cada linha ("Sala (Ponto)") lê o Ponto.
        return super().get_queryset(request).select_related("ponto")


class FotoPontoForm(forms.ModelForm):
    class Meta:
        model = FotoPonto
        fields = ["imagem", "legenda"]

    def clean_imagem(self):
        """Mesma regra das fotos de produtos: formato pelo conteúdo, limites e recodificação sem EXIF."""
        imagem = self.cleaned_data.get("imagem")
        if imagem is None or not hasattr(imagem, "content_type"):
            return imagem  # foto já salva, sem troca
        return imagem_preparar(imagem)


class FotoPontoInline(GestaoInline):
    model = FotoPonto
    form = FotoPontoForm
    fields = ["imagem", "legenda"]


@admin.register(Ponto, site=gestao_site)
class PontoAdmin(GestaoAdmin):
    list_display = ["nome", "tipo", "territorio", "secretaria", "ativo"]
    list_select_related = ["territorio", "secretaria"]
    list_filter = ["tipo", "ativo"]
    search_fields = ["nome", "endereco"]
    prepopulated_fields = {"slug": ["nome"]}
    fields = [
        "nome",
        "slug",
        "tipo",
        "territorio",
        "secretaria",
        "cep",
        "endereco",
        "latitude",
        "longitude",
        "descricao",
        "horarios",
        "ativo",
    ]
    inlines = [InfraestruturaInline, EspacoInline, FotoPontoInline]


@admin.register(Reserva, site=gestao_site)
class ReservaAdmin(GestaoAdmin):
    """Somente leitura: reservas nascem pelos programas (``reserva_criar``); aqui só se cancela."""

    list_display = ["titulo", "espaco", "inicio", "fim", "secretaria", "cancelada"]
    list_select_related = ["espaco__ponto", "secretaria"]
    list_filter = ["cancelada"]
    search_fields = ["titulo"]
    actions = ["cancelar"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_cancelar_permission(self, request):
        return self._pode_criar(request)

    @admin.action(description=_("Cancelar as reservas selecionadas"), permissions=["cancelar"])
    def cancelar(self, request, queryset):
        quantas = 0
        for reserva in queryset.editaveis_por(request.user).filter(cancelada=False):
            reserva_cancelar(reserva=reserva)
            quantas += 1
        self.message_user(request, _t("%(n)d reserva(s) cancelada(s).") % {"n": quantas}, messages.SUCCESS)


class EmpreendedorForm(forms.ModelForm):
    cpf = BRCPFField(label=_("CPF"), required=False)

    class Meta:
        model = Empreendedor
        fields = [
            "nome",
            "nome_social",
            "nome_publico",
            "cpf",
            "data_nascimento",
            "telefone",
            "email",
            "cep",
            "endereco",
            "territorio",
            "descricao",
            "situacao_formalizacao",
            "cnpj",
            "cadunico",
            "publicar_vitrine",
            "publicar_contato",
        ]

    def clean_cpf(self):
        cpf = "".join(c for c in (self.cleaned_data.get("cpf") or "") if c.isdigit())
        if not cpf:
            return None
        if Empreendedor.objects.filter(cpf=cpf).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Já existe um cadastro com este CPF."))
        return cpf


@admin.register(Empreendedor, site=gestao_site)
class EmpreendedorAdmin(GestaoAdmin):
    """Pessoas são do programa: a equipe localiza qualquer pessoa, e cada leitura fica registrada."""

    campo_secretaria = None
    form = EmpreendedorForm
    list_display = ["nome_exibicao", "cpf_mascarado", "territorio", "situacao_formalizacao", "publicar_vitrine"]
    list_select_related = ["territorio"]
    list_filter = ["situacao_formalizacao", "publicar_vitrine", "cadunico"]
    search_fields = ["nome", "nome_social", "nome_publico", "email"]
    readonly_fields = ["criado_em"]

    @admin.display(description=_("nome"), ordering="nome")
    def nome_exibicao(self, obj):
        return obj.nome_exibicao

    @admin.display(description=_("CPF"))
    def cpf_mascarado(self, obj):
        return obj.cpf_mascarado

    def get_search_results(self, request, queryset, search_term):
        digitos = "".join(c for c in search_term if c.isdigit())
        if len(digitos) == 11 and len(digitos) >= len(search_term.replace(".", "").replace("-", "").strip()):
            return queryset.filter(cpf=digitos), False
        return super().get_search_results(request, queryset, search_term)

    def _editaveis(self, request):
        if not self._pode_criar(request):
            return Empreendedor.objects.none()
        return Empreendedor.objects.visiveis_para(request.user)

    def has_add_permission(self, request):
        # Pessoas entram pelo cadastro (próprio ou assistido), que valida e registra consentimento.
        return False

    def has_delete_permission(self, request, obj=None):
        # Exclusão é anonimização (LGPD), feita pela própria pessoa ou por serviço.
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        resposta = super().change_view(request, object_id, form_url, extra_context)
        pessoa = getattr(resposta, "context_data", {}).get("original")
        if request.method == "GET" and resposta.status_code == 200 and pessoa is not None:
            acesso_registrar(usuario=request.user, empreendedor=pessoa, finalidade=_t("Consulta do cadastro na Gestão"))
        return resposta

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        empreendedor_indexar(empreendedor=obj)


class RevogarForm(forms.Form):
    motivo = forms.CharField(label=_("Motivo da revogação"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Qualificacao, site=gestao_site)
class QualificacaoAdmin(GestaoAdmin):
    campo_secretaria = None
    list_display = ["empreendedor", "tipo", "origem", "valida_de", "valida_ate", "situacao"]
    list_select_related = ["empreendedor"]
    list_filter = ["tipo"]
    search_fields = ["empreendedor__nome", "origem", "referencia"]
    raw_id_fields = ["empreendedor"]  # acessível (o select2 do autocomplete não tem nome para leitores de tela)
    fields = ["empreendedor", "tipo", "origem", "referencia", "valida_de", "valida_ate", "evidencia"]
    readonly_fields = []
    actions = ["verificar", "revogar"]

    @admin.display(description=_("situação"))
    def situacao(self, obj):
        if obj.revogada_em:
            return _("revogada")
        if not obj.vigente:
            return _("fora da validade")
        return _("verificada") if obj.verificada_em else _("a verificar")

    def _editaveis(self, request):
        if not self._pode_criar(request):
            return Qualificacao.objects.none()
        return Qualificacao.objects.visiveis_para(request.user)

    def get_readonly_fields(self, request, obj=None):
        campos = ["verificada_por", "verificada_em", "revogada_em", "motivo_revogacao"]
        return campos if obj else []

    def get_fields(self, request, obj=None):
        return [*self.fields, *self.get_readonly_fields(request, obj)]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Quem da equipe lança a qualificação é quem a conferiu.
        if not change and obj.verificada_em is None:
            obj.verificada_por, obj.verificada_em = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    def has_gerir_permission(self, request):
        return self._pode_criar(request)

    @admin.action(description=_("Marcar como verificadas"), permissions=["gerir"])
    def verificar(self, request, queryset):
        feitas = 0
        for qualificacao in self._editaveis(request).filter(pk__in=queryset.values("pk")):
            try:
                qualificacao_verificar(qualificacao=qualificacao, por=request.user)
                feitas += 1
            except ValidationError as erro:
                self.message_user(request, f"{qualificacao}: {erro.messages[0]}", messages.WARNING)
        self.message_user(request, _t("%(n)d qualificação(ões) verificada(s).") % {"n": feitas}, messages.SUCCESS)

    @admin.action(description=_("Revogar…"), permissions=["gerir"])
    def revogar(self, request, queryset):
        alvos = self._editaveis(request).filter(pk__in=queryset.values("pk")).select_related("empreendedor")
        formulario = RevogarForm(request.POST if "motivo" in request.POST else None)
        if formulario.is_valid():
            for qualificacao in alvos:
                qualificacao_revogar(
                    qualificacao=qualificacao, por=request.user, motivo=formulario.cleaned_data["motivo"]
                )
            self.message_user(request, _t("%(n)d qualificação(ões) revogada(s).") % {"n": len(alvos)}, messages.SUCCESS)
            return None
        contexto = {
            **self.admin_site.each_context(request),
            "title": _t("Revogar qualificações"),
            "opts": self.model._meta,
            "alvos": alvos,
            "form": formulario,
            "acao": "revogar",
            "selecionados": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/pontos/qualificacao/revogar.html", contexto)


class VinculoForm(forms.ModelForm):
    email = forms.EmailField(label=_("E-mail da pessoa"), help_text=_("A pessoa precisa já ter conta no portal."))

    secretaria_fixa = None  # preenchida pelo admin para quem não é superusuário

    class Meta:
        model = Vinculo
        fields = ["email", "papel", "pontos", "ativo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.usuario_id:
            self.fields["email"].initial = self.instance.usuario.email

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        try:
            self._usuario = Usuario.objects.get(email__iexact=email)
        except Usuario.DoesNotExist:
            raise ValidationError(
                _("Nenhuma conta com este e-mail. Peça para a pessoa criar a conta primeiro.")
            ) from None
        return email

    def clean(self):
        dados = super().clean()
        secretaria = self.secretaria_fixa or dados.get("secretaria")
        usuario = getattr(self, "_usuario", None)
        if usuario and secretaria:
            repetido = Vinculo.objects.filter(usuario=usuario, secretaria=secretaria).exclude(pk=self.instance.pk)
            if repetido.exists():
                self.add_error("email", _("Esta pessoa já tem vínculo com esta secretaria."))
        return dados

    def save(self, commit=True):
        self.instance.usuario = self._usuario
        return super().save(commit)


@admin.register(Vinculo, site=gestao_site)
class VinculoAdmin(GestaoAdmin):
    """Equipe da secretaria: todos veem; só o(a) gestor(a) cria, muda e remove vínculos dela."""

    form = VinculoForm
    list_display = ["usuario", "secretaria", "papel", "ativo"]
    list_select_related = ["usuario", "secretaria"]
    list_filter = ["papel", "ativo"]
    search_fields = ["usuario__email", "usuario__nome"]
    filter_horizontal = ["pontos"]

    def _secretarias_geridas(self, request):
        return [
            v.secretaria_id
            for v in vinculos_de(request.user)
            if v.papel == Papel.GESTOR and not v.secretaria.eh_governo
        ]

    def _editaveis(self, request):
        if request.user.is_superuser:
            return Vinculo.objects.all()
        return Vinculo.objects.filter(secretaria_id__in=self._secretarias_geridas(request))

    def _pode_criar(self, request):
        return self._pode_gerir(request)

    def secretaria_padrao(self, request):
        geridas = self._secretarias_geridas(request)
        return Secretaria.objects.get(pk=geridas[0]) if geridas else None

    def get_fields(self, request, obj=None):
        campos = ["email", "papel", "pontos", "ativo"]
        return ["secretaria", *campos] if request.user.is_superuser else campos

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulario = super().get_form(request, obj, change, **kwargs)
        if not request.user.is_superuser:
            formulario.secretaria_fixa = obj.secretaria if obj else self.secretaria_padrao(request)
        return formulario

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "pontos" and not request.user.is_superuser:
            kwargs["queryset"] = Ponto.objects.filter(secretaria_id__in=self._secretarias_geridas(request))
            return db_field.formfield(**kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Secretaria, site=gestao_site)
class SecretariaAdmin(SuperusuarioAdmin):
    list_display = ["sigla", "nome", "programas", "eh_governo"]


@admin.register(Territorio, site=gestao_site)
class TerritorioAdmin(SuperusuarioAdmin):
    list_display = ["nome", "slug"]
    prepopulated_fields = {"slug": ["nome"]}
