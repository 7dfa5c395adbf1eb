from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from feiras.models import Alocacao, Banca, CategoriaFeira, Feira, Inscricao, LayoutBancas, RelatoVendas, Sorteio
from pontos.gestao import GestaoAdmin, HistoricoAdmin, SomenteLeituraAdmin, gestao_site


@admin.register(Feira, site=gestao_site)
class FeiraAdmin(SomenteLeituraAdmin):
    """Feiras se criam e alteram pelas telas da equipe (reservam o espaço e avisam os inscritos)."""

    list_display = ["titulo", "data", "ponto", "secretaria", "status"]
    list_filter = ["status"]
    list_select_related = ["ponto", "secretaria"]
    search_fields = ["titulo"]
    date_hierarchy = "data"


@admin.register(LayoutBancas, site=gestao_site)
class LayoutBancasAdmin(GestaoAdmin):
    list_display = ["ponto", "secretaria", "colunas", "linhas"]
    list_select_related = ["ponto", "secretaria"]


@admin.register(Banca, site=gestao_site)
class BancaAdmin(GestaoAdmin):
    campo_secretaria = None
    list_display = ["numero", "layout", "categoria", "tamanho", "x", "y", "ativa"]
    list_select_related = ["layout__ponto"]
    list_filter = ["categoria", "ativa"]


@admin.register(CategoriaFeira, site=gestao_site)
class CategoriaFeiraAdmin(GestaoAdmin):
    campo_secretaria = None
    list_display = ["feira", "categoria", "cota", "aprovadas", "isenta", "taxa"]
    list_select_related = ["feira"]
    readonly_fields = ["aprovadas"]


@admin.register(Inscricao, site=gestao_site)
class InscricaoAdmin(HistoricoAdmin):
    # Milhões de linhas: as mais recentes primeiro, pelo índice da chave (sem ordenar a tabela).
    ordering = ["-pk"]
    list_display = ["pk", "nome", "feira", "categoria", "status", "posicao_espera", "pontuacao"]
    list_select_related = ["feira", "empreendedor", "categoria"]
    list_filter = ["status"]
    historico_campos = [
        *("status", "posicao_espera", "pontuacao", "feira", "empreendedor", "categoria"),
        *("feira__titulo", "feira__data", "empreendedor__nome", "empreendedor__nome_social", "categoria__categoria"),
    ]

    @admin.display(description=_("pessoa"), ordering="empreendedor__nome")
    def nome(self, obj):
        return obj.empreendedor.nome_exibicao


@admin.register(Alocacao, site=gestao_site)
class AlocacaoAdmin(HistoricoAdmin):
    # Milhões de linhas: as mais recentes primeiro, pelo índice da chave (sem ordenar a tabela).
    ordering = ["-pk"]
    list_display = ["feira", "banca", "empreendedor", "criada_em"]
    list_select_related = ["feira", "banca", "empreendedor"]
    historico_campos = [
        *("criada_em", "feira", "banca", "empreendedor", "feira__titulo", "feira__data", "banca__numero"),
        *("empreendedor__nome", "empreendedor__nome_social"),
    ]


@admin.register(RelatoVendas, site=gestao_site)
class RelatoVendasAdmin(HistoricoAdmin):
    # Milhões de linhas: as mais recentes primeiro, pelo índice da chave (sem ordenar a tabela).
    ordering = ["-pk"]
    # As quatro formas de pagamento numa coluna de texto (quatro colunas de ícones pesavam na lista).
    list_display = ["inscricao", "valor_bruto", "formas", "criado_em"]
    list_select_related = ["inscricao__feira", "inscricao__empreendedor"]
    historico_campos = [
        *("valor_bruto", "dinheiro", "pix", "cartao", "outros", "criado_em", "inscricao"),
        *("inscricao__feira", "inscricao__empreendedor", "inscricao__feira__titulo", "inscricao__feira__data"),
        *("inscricao__empreendedor__nome", "inscricao__empreendedor__nome_social"),
    ]

    @admin.display(description=_("formas de pagamento"))
    def formas(self, obj):
        return obj.formas_pagamento


@admin.register(Sorteio, site=gestao_site)
class SorteioAdmin(SomenteLeituraAdmin):
    list_display = ["feira", "semente", "executado_em"]
    list_select_related = ["feira"]
    exclude = ["ordem"]
