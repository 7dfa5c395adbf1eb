"""Gestão: um único ``AdminSite`` para todas as secretarias, com escopo por linha.

``GestaoAdmin`` é o mixin de escopo: lista, detalhe, escolhas de chave estrangeira,
permissões e gravação passam por ``visiveis_para``/``editaveis_por`` do QuerySet do modelo.
Membros do Governo leem tudo e não editam. Cada app registra seus modelos em
``gestao_site`` no seu ``admin.py``.
"""

from django.contrib import admin
from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from pontos.escopo import eh_governo, vinculos_de
from pontos.paginacao import ContagemCurtaPaginator, ContagemLimitadaPaginator


def eh_equipe(usuario):
    return bool(
        getattr(usuario, "is_authenticated", False)
        and usuario.is_active
        and (usuario.is_superuser or vinculos_de(usuario))
    )


class GestaoSite(admin.AdminSite):
    site_header = _("Gestão — Rede de Pontos de Geração de Renda")
    site_title = _("Gestão")
    index_title = _("Painel da secretaria")
    index_template = "admin/gestao_index.html"
    login_template = None
    # Sem a barra lateral com todos os módulos: montá-la custava um quinto de cada lista grande.
    # A navegação é pela página inicial da Gestão (módulos e pendências) e pelas migalhas.
    enable_nav_sidebar = False

    def has_permission(self, request):
        return eh_equipe(request.user)

    def login(self, request, extra_context=None):
        # O login da Gestão é o mesmo do portal (allauth: limites de tentativa e MFA).
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied
        from django.urls import reverse

        if request.user.is_authenticated:
            # Já entrou, mas não é da equipe: 403 (mandar de volta ao login faria um laço).
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", reverse("gestao:index")), reverse("account_login"))

    def each_context(self, request):
        # O do AdminSite, com a lista de módulos preguiçosa: sem a barra lateral, só a monta
        # quem a usar.
        script_name = request.META["SCRIPT_NAME"]
        contexto = {
            "site_title": str(self.site_title),
            "site_header": str(self.site_header),
            "site_url": script_name if self.site_url == "/" and script_name else self.site_url,
            "has_permission": self.has_permission(request),
            "available_apps": SimpleLazyObject(lambda: self.get_app_list(request)),
            "is_popup": False,
            "is_nav_sidebar_enabled": self.enable_nav_sidebar,
            "log_entries": self.get_log_entries(request),
        }
        vinculos = vinculos_de(request.user)
        contexto["secretarias_usuario"] = [v.secretaria for v in vinculos]
        contexto["somente_leitura"] = eh_governo(request.user) and not request.user.is_superuser
        contexto["site_header"] = self._cabecalho(contexto["secretarias_usuario"])
        return contexto

    def _cabecalho(self, secretarias):
        if not secretarias:
            return str(self.site_header)
        siglas = ", ".join(str(s) for s in secretarias)
        return _("Gestão %(siglas)s — Rede de Pontos") % {"siglas": siglas}

    def index(self, request, extra_context=None):
        from pontos.extensoes import pendencias_de

        extra_context = {**(extra_context or {}), "pendencias": pendencias_de(usuario=request.user)}
        return super().index(request, extra_context)


gestao_site = GestaoSite(name="gestao")


class GestaoAdmin(admin.ModelAdmin):
    """Mixin de escopo: nada aparece, se escolhe ou se grava fora da secretaria do usuário."""

    # Campo que recebe a secretaria do usuário ao criar (nunca vem do formulário).
    campo_secretaria = "secretaria"
    list_per_page = 50
    show_full_result_count = False
    # Nunca conta a tabela inteira: o total mostrado para em 10.000.
    paginator = ContagemLimitadaPaginator

    def get_queryset(self, request):
        return super().get_queryset(request).visiveis_para(request.user)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # "Inexistente" e "de outra secretaria" respondem igual: 404.
        raise Http404

    def _editaveis(self, request):
        return self.model._default_manager.all().editaveis_por(request.user)

    # Módulos do núcleo e do governo (custos) aparecem para toda a equipe.
    modulos_comuns = {"pontos", "governo"}

    def has_module_permission(self, request):
        """Cada secretaria vê só os módulos dos programas que organiza (``Secretaria.programas``)."""
        if not eh_equipe(request.user):
            return False
        app = self.model._meta.app_label
        if request.user.is_superuser or app in self.modulos_comuns or eh_governo(request.user):
            return True
        return any(v.secretaria.organiza(app) for v in vinculos_de(request.user))

    def _lembrar(self, request, chave, calcular):
        """Guarda a resposta na requisição: o admin pergunta a mesma permissão muitas vezes por página."""
        memoria = request.__dict__.setdefault("_gestao_permissoes", {})
        chave = (self.model._meta.label, *chave)
        if chave not in memoria:
            memoria[chave] = calcular()
        return memoria[chave]

    def has_view_permission(self, request, obj=None):
        if not self.has_module_permission(request):
            return False
        if obj is None:
            return True
        return self._lembrar(request, ("ver", obj.pk), lambda: self.get_queryset(request).filter(pk=obj.pk).exists())

    def has_change_permission(self, request, obj=None):
        if not self.has_module_permission(request):
            return False
        if obj is None:
            # Sem consulta: o menu lateral pergunta isto para cada modelo em cada página.
            return request.user.is_superuser or self._pode_criar(request)
        return self._lembrar(request, ("editar", obj.pk), lambda: self._editaveis(request).filter(pk=obj.pk).exists())

    def has_add_permission(self, request):
        return self.has_module_permission(request) and self._pode_criar(request)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return self._pode_criar(request)
        return self._pode_gerir(request) and self.has_change_permission(request, obj)

    def _pode_criar(self, request):
        from pontos.models import Papel

        if request.user.is_superuser:
            return True
        return any(
            v.papel in {Papel.GESTOR, Papel.OPERADOR} and not v.secretaria.eh_governo for v in vinculos_de(request.user)
        )

    def _pode_gerir(self, request):
        from pontos.models import Papel

        if request.user.is_superuser:
            return True
        return any(v.papel == Papel.GESTOR and not v.secretaria.eh_governo for v in vinculos_de(request.user))

    def secretaria_padrao(self, request):
        vinculos = [v for v in vinculos_de(request.user) if not v.secretaria.eh_governo]
        return vinculos[0].secretaria if vinculos else None

    def get_exclude(self, request, obj=None):
        excluir = list(super().get_exclude(request, obj) or [])
        if self.campo_secretaria and not request.user.is_superuser and self._tem_campo(self.campo_secretaria):
            excluir.append(self.campo_secretaria)
        return excluir

    def _secretaria_fixa(self, request):
        return bool(self.campo_secretaria and not request.user.is_superuser and self._tem_campo(self.campo_secretaria))

    @admin.display(description=_("secretaria"))
    def secretaria_exibida(self, obj):
        """A secretaria dona, só leitura e sem link (a equipe não abre o cadastro de secretarias)."""
        secretaria = getattr(obj, self.campo_secretaria, None) if obj else None
        return secretaria.nome if secretaria else "—"

    def get_fields(self, request, obj=None):
        campos = list(super().get_fields(request, obj))
        if not self._secretaria_fixa(request):
            return campos
        posicao = campos.index(self.campo_secretaria) if self.campo_secretaria in campos else len(campos)
        campos = [c for c in campos if c not in (self.campo_secretaria, "secretaria_exibida")]
        if obj is not None:
            campos.insert(posicao, "secretaria_exibida")
        return campos

    def get_readonly_fields(self, request, obj=None):
        campos = list(super().get_readonly_fields(request, obj))
        if self._secretaria_fixa(request) and obj is not None and "secretaria_exibida" not in campos:
            campos.append("secretaria_exibida")
        return campos

    def _tem_campo(self, nome):
        try:
            self.model._meta.get_field(nome)
        except Exception:
            return False
        return True

    def save_model(self, request, obj, form, change):
        if (
            not change
            and self.campo_secretaria
            and self._tem_campo(self.campo_secretaria)
            and not getattr(obj, f"{self.campo_secretaria}_id", None)
        ):
            setattr(obj, self.campo_secretaria, self.secretaria_padrao(request))
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return self._limitar(db_field, request, super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return self._limitar(db_field, request, super().formfield_for_manytomany(db_field, request, **kwargs))

    def _limitar(self, db_field, request, campo):
        if campo is None or request.user.is_superuser:
            return campo
        consulta = getattr(campo, "queryset", None)
        if consulta is not None and hasattr(consulta, "visiveis_para"):
            modelo_alvo = db_field.related_model
            if modelo_alvo._meta.label == "pontos.Secretaria":
                campo.queryset = consulta.filter(pk__in=[v.secretaria_id for v in vinculos_de(request.user)])
            elif modelo_alvo._meta.label == "pontos.Ponto":
                # Qualquer Ponto ativo pode receber um programa; vínculo restrito a Pontos limita.
                restritos = {p.pk for v in vinculos_de(request.user) for p in v.pontos.all()}
                campo.queryset = consulta.filter(pk__in=restritos) if restritos else consulta
            else:
                campo.queryset = consulta.visiveis_para(request.user)
        return campo


class GestaoInline(admin.StackedInline):
    """Inline da Gestão: pode o que o objeto-pai permite (sem as permissões de modelo do Django)."""

    extra = 0

    def _pai(self):
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request, obj=None):
        return eh_equipe(request.user)

    def has_add_permission(self, request, obj=None):
        pai = self._pai()
        return pai.has_change_permission(request, obj) if obj is not None else pai.has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


class SuperusuarioAdmin(GestaoAdmin):
    """Cadastros da plataforma (secretarias, territórios): só superusuários, nem aparecem para os demais."""

    campo_secretaria = None

    def get_queryset(self, request):
        consulta = self.model._default_manager.get_queryset()
        return consulta if request.user.is_superuser else consulta.none()

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


class SomenteLeituraAdmin(GestaoAdmin):
    """Históricos (milhões de linhas, só consulta: o trabalho é feito nas telas de cada programa).

    Páginas de 25 linhas: cada célula de uma lista do admin custa caro para montar, e quem
    consulta um histórico filtra ou busca em vez de rolar centenas de linhas.
    """

    list_per_page = 25
    paginator = ContagemCurtaPaginator

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HistoricoAdmin(SomenteLeituraAdmin):
    """Históricos de milhões de linhas (inscrições, alocações, relatos, matrículas): lista enxuta.

    O changelist do admin custava sozinho oito vezes a view piso (cabeçalhos ordenáveis,
    filtros genéricos, contagem, ações, uma tag de template por célula). Aqui a lista é a de
    ``pontos.historico``: o mesmo escopo (``get_queryset``), filtros pelos campos de escolha de
    ``list_filter``, busca por ``search_fields``, as mais recentes primeiro e páginas por
    cursor (``?antes=<id>``), sem contar a tabela. O detalhe de cada linha continua o do admin.
    """

    # Colunas lidas (``QuerySet.only``): as de ``list_display`` e as que os ``__str__`` das
    # relações usam; vazio lê todas. Faltou uma? O teste de consultas da lista acusa (N+1).
    historico_campos = []

    def changelist_view(self, request, extra_context=None):
        from pontos.historico import historico_lista

        return historico_lista(self, request)


__all__ = [
    "GestaoAdmin",
    "GestaoInline",
    "HistoricoAdmin",
    "SomenteLeituraAdmin",
    "SuperusuarioAdmin",
    "gestao_site",
    "models",
]
