"""Gestão do Cultura: cadastro de chamadas e projetos; fluxos (avaliação, recurso, programação)
ficam nas telas de trabalho em ``cultura/gestao/``."""

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cultura.models import Apresentacao, Chamada, Criterio, DocumentoExigido, ProjetoEspetaculo, Proposta, Recurso
from pontos.escopo import vinculos_de
from pontos.gestao import GestaoAdmin, GestaoInline, SomenteLeituraAdmin, gestao_site
from pontos.models import Usuario


class CulturaAdmin(GestaoAdmin):
    """``fields`` explícitos: a secretaria só aparece para superusuários (os demais a herdam)."""

    def get_fields(self, request, obj=None):
        campos = list(super().get_fields(request, obj))
        if not request.user.is_superuser:
            campos = [c for c in campos if c != self.campo_secretaria]
        return campos

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DecimalField):
            kwargs["localize"] = True  # R$ 1.200,00 como se escreve no Brasil
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class InlineDaChamada(GestaoInline):
    """Filhos da chamada: quem pode alterar a chamada pode alterar seus critérios e documentos."""

    extra = 1


class CriterioInline(InlineDaChamada):
    model = Criterio
    fields = ["nome", "descricao", "peso", "nota_maxima", "ordem"]


class DocumentoExigidoInline(InlineDaChamada):
    model = DocumentoExigido
    fields = ["nome", "descricao", "obrigatorio", "ordem"]


@admin.register(Chamada, site=gestao_site)
class ChamadaAdmin(CulturaAdmin):
    list_display = ["titulo", "finalidade", "estado", "abertura", "encerramento", "vagas", "tela"]
    list_filter = ["estado", "finalidade"]
    search_fields = ["titulo"]
    fields = [
        "secretaria",
        "titulo",
        "finalidade",
        "descricao",
        "elegibilidade",
        "abertura",
        "encerramento",
        "vagas",
        "cache_valor",
        "prazo_recurso_dias",
        "avaliadores",
    ]
    filter_horizontal = ["avaliadores"]
    inlines = [CriterioInline, DocumentoExigidoInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("secretaria")

    @admin.display(description=_("tela de trabalho"))
    def tela(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("cultura:gestao_chamada", kwargs={"pk": obj.pk}), _("abrir"))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "avaliadores":
            secretarias = [v.secretaria_id for v in vinculos_de(request.user)]
            consulta = Usuario.objects.filter(vinculos__ativo=True).distinct().order_by("nome", "email")
            if not request.user.is_superuser:
                consulta = consulta.filter(vinculos__secretaria__in=secretarias)
            kwargs["queryset"] = consulta
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Proposta, site=gestao_site)
class PropostaAdmin(SomenteLeituraAdmin):
    list_display = ["titulo", "artista", "chamada", "estado", "nota", "posicao"]
    list_filter = ["estado"]
    search_fields = ["titulo", "artista__nome_artistico"]
    list_select_related = ["artista", "chamada"]
    fields = ["chamada", "artista", "titulo", "resumo", "estado", "nota", "posicao", "enviada_em"]


@admin.register(Recurso, site=gestao_site)
class RecursoAdmin(SomenteLeituraAdmin):
    list_display = ["proposta", "criado_em", "decisao", "respondido_em"]
    list_select_related = ["proposta"]
    fields = ["proposta", "texto", "decisao", "resposta", "nota_revista", "respondido_em"]


@admin.register(Apresentacao, site=gestao_site)
class ApresentacaoAdmin(SomenteLeituraAdmin):
    """Apresentações são marcadas na tela de programação, que reserva o espaço no núcleo."""

    list_display = [
        "titulo",
        "artista",
        "ponto",
        "espaco",
        "inicio",
        "duracao_minutos",
        "publico_estimado",
        "cancelada",
    ]
    list_filter = ["cancelada", "ponto"]
    list_select_related = ["artista", "ponto", "espaco"]
    search_fields = ["titulo", "artista__nome_artistico"]
    fields = [
        "titulo",
        "artista",
        "ponto",
        "espaco",
        "inicio",
        "duracao_minutos",
        "publico_estimado",
        "cache",
        "cancelada",
    ]


@admin.register(ProjetoEspetaculo, site=gestao_site)
class ProjetoEspetaculoAdmin(CulturaAdmin):
    list_display = ["titulo", "artista", "etapa", "etapa_desde", "tela"]
    list_filter = ["etapa"]
    list_select_related = ["artista"]
    search_fields = ["titulo"]
    fields = ["secretaria", "titulo", "artista", "chamada", "sinopse", "estreia"]
    autocomplete_fields = []

    @admin.display(description=_("tela de trabalho"))
    def tela(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("cultura:gestao_projeto", kwargs={"pk": obj.pk}), _("abrir"))
