"""Gestão da formação: cadastro de cursos e turmas com escopo por secretaria.

Fluxos (encontros com reserva, presença, conclusão, revogação) são telas de equipe comuns,
que chamam os serviços; aqui só há cadastro e consulta.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from formacao import services
from formacao.models import Certificado, Curso, Encontro, Matricula, Turma
from pontos.gestao import GestaoAdmin, HistoricoAdmin, SomenteLeituraAdmin, gestao_site
from pontos.models import Espaco


class ComSecretariaParaSuperusuario:
    """A secretaria vem do vínculo de quem grava; só o superusuário escolhe."""

    def get_fields(self, request, obj=None):
        campos = list(super().get_fields(request, obj))
        if request.user.is_superuser and "secretaria" not in campos:
            campos.insert(3, "secretaria")
        return campos


@admin.register(Curso, site=gestao_site)
class CursoAdmin(ComSecretariaParaSuperusuario, GestaoAdmin):
    list_display = ["nome", "eixo", "carga_horaria", "concede", "ativo"]
    list_filter = ["eixo", "ativo"]
    search_fields = ["nome"]
    prepopulated_fields = {"slug": ["nome"]}
    fields = [
        "nome",
        "slug",
        "eixo",
        "resumo",
        "ementa",
        "carga_horaria",
        "frequencia_minima",
        "validade_meses",
        "concede",
        "ativo",
    ]


class EncontroInline(admin.TabularInline):
    model = Encontro
    fields = ["inicio", "fim", "codigo_presenca", "presenca_lancada_em"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Turma, site=gestao_site)
class TurmaAdmin(ComSecretariaParaSuperusuario, GestaoAdmin):
    list_display = ["curso", "ponto", "secretaria", "vagas", "vagas_ocupadas", "situacao", "tela_equipe"]
    list_filter = ["situacao", "curso__eixo"]
    list_select_related = ["curso", "ponto", "secretaria"]
    search_fields = ["curso__nome", "nome", "instrutor"]
    fields = ["curso", "ponto", "espaco", "nome", "instrutor", "instrutor_usuario", "vagas", "situacao"]
    readonly_fields = ["situacao"]
    raw_id_fields = ["instrutor_usuario"]
    inlines = [EncontroInline]
    actions = ["cancelar_turmas"]

    @admin.action(description=_("Cancelar as turmas selecionadas (avisa as pessoas e libera os espaços)"))
    def cancelar_turmas(self, request, queryset):
        canceladas = 0
        for turma in queryset:
            try:
                services.turma_cancelar(turma=turma, por=request.user)
                canceladas += 1
            except (ValidationError, PermissionDenied) as erro:
                self.message_user(
                    request, f"{turma}: {' '.join(getattr(erro, 'messages', [str(erro)]))}", messages.ERROR
                )
        if canceladas:
            self.message_user(request, _("%(n)s turma(s) cancelada(s).") % {"n": canceladas}, messages.SUCCESS)

    @admin.display(description=_("encontros, presença e conclusão"))
    def tela_equipe(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("formacao:equipe_turma", args=[obj.pk]), _("abrir"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        campo = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "espaco" and campo is not None:
            # Qualquer Ponto ativo recebe turmas de qualquer secretaria (ex.: SMC no CRESAN).
            campo.queryset = Espaco.objects.filter(ponto__ativo=True).select_related("ponto")
        return campo

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "vagas" in form.changed_data:
            services.turma_promover_espera(turma=obj)


@admin.register(Matricula, site=gestao_site)
class MatriculaAdmin(HistoricoAdmin):
    # Milhões de linhas: as mais recentes primeiro, pelo índice da chave (sem ordenar a tabela).
    ordering = ["-pk"]
    list_display = ["empreendedor", "turma", "situacao", "frequencia", "criada_em"]
    list_filter = ["situacao"]
    list_select_related = ["empreendedor", "turma__curso", "turma__ponto"]
    search_fields = ["turma__curso__nome"]
    historico_campos = [
        *("situacao", "frequencia", "criada_em", "empreendedor", "turma", "turma__curso", "turma__ponto"),
        *("empreendedor__nome", "empreendedor__nome_social", "turma__nome", "turma__curso__nome", "turma__ponto__nome"),
    ]


@admin.register(Certificado, site=gestao_site)
class CertificadoAdmin(SomenteLeituraAdmin):
    list_display = ["codigo", "nome", "curso_nome", "emitido_em", "valido_ate", "revogado_em", "revogar"]
    search_fields = ["codigo", "curso_nome"]
    list_filter = ["emitido_em"]

    @admin.display(description=_("revogar"))
    def revogar(self, obj):
        if obj.revogado_em:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("formacao:equipe_certificado_revogar", args=[obj.pk]), _("revogar")
        )
