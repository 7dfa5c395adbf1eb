"""Escopo por secretaria: o único lugar onde se decide o que um usuário da Gestão enxerga.

Cada modelo com dono declara, no seu QuerySet, o caminho até a secretaria
(``caminho_secretaria``) e, quando houver, até o Ponto (``caminho_ponto``). Todas as
listas, detalhes, escolhas de formulário, exportações e ações passam por
``visiveis_para(usuario)``; ``obter_para`` responde 404 para "não existe" e "não é seu".
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.http import Http404

CHAVE_VERSAO_VINCULOS = "escopo:vinculos:versao"


def eh_governo(usuario):
    """Membros da Secretaria de Governo (e superusuários) leem tudo, sem editar."""
    if not getattr(usuario, "is_authenticated", False):
        return False
    if usuario.is_superuser:
        return True
    return any(v.secretaria.eh_governo for v in vinculos_de(usuario))


def vinculos_de(usuario):
    """Vínculos ativos do usuário, guardados no próprio objeto para a requisição.

    Vêm do cache numa leitura só (a entrada do usuário e a versão de todos os vínculos); a
    chave leva a data de criação da conta, para uma conta nova nunca herdar a entrada de
    outra com o mesmo id.
    """
    if not getattr(usuario, "is_authenticated", False):
        return []
    if not hasattr(usuario, "_vinculos_cache") and not settings.VINCULOS_CACHE_SEGUNDOS:
        usuario._vinculos_cache = _vinculos_ler(usuario)
    if not hasattr(usuario, "_vinculos_cache"):
        chave = f"escopo:vinculos:{usuario.pk}:{usuario.date_joined.timestamp()}"
        lidos = cache.get_many([chave, CHAVE_VERSAO_VINCULOS])
        versao = lidos.get(CHAVE_VERSAO_VINCULOS)
        guardado = lidos.get(chave)
        if versao is not None and guardado is not None and guardado[0] == versao:
            usuario._vinculos_cache = guardado[1]
        else:
            vinculos = _vinculos_ler(usuario)
            if versao is None:
                versao = vinculos_esquecer()
            cache.set(chave, (versao, vinculos), settings.VINCULOS_CACHE_SEGUNDOS)
            usuario._vinculos_cache = vinculos
    return usuario._vinculos_cache


def _vinculos_ler(usuario):
    return list(usuario.vinculos.filter(ativo=True).select_related("secretaria").prefetch_related("pontos"))


def vinculos_esquecer(**kwargs):
    """Invalida os vínculos em cache de todos os usuários (um vínculo ou secretaria mudou)."""
    versao = secrets.token_hex(8)
    cache.set(CHAVE_VERSAO_VINCULOS, versao, None)
    return versao


def filtro_escopo(usuario, *, caminho_secretaria, caminho_ponto=None, papeis=None):
    """Devolve um ``Q`` com as linhas visíveis ao usuário (``None`` = tudo)."""
    if not getattr(usuario, "is_authenticated", False) or not usuario.is_active:
        return models.Q(pk__in=[])
    if usuario.is_superuser or eh_governo(usuario):
        return None
    condicao = models.Q(pk__in=[])
    for vinculo in vinculos_de(usuario):
        if papeis and vinculo.papel not in papeis:
            continue
        parte = models.Q(**{caminho_secretaria: vinculo.secretaria_id})
        pontos = [p.pk for p in vinculo.pontos.all()]
        if pontos and caminho_ponto:
            parte &= models.Q(**{f"{caminho_ponto}__in": pontos})
        condicao |= parte
    return condicao


class EscopoQuerySet(models.QuerySet):
    """Base dos QuerySets de modelos com dono (secretaria)."""

    caminho_secretaria = "secretaria"
    caminho_ponto = None

    def visiveis_para(self, usuario):
        condicao = filtro_escopo(usuario, caminho_secretaria=self.caminho_secretaria, caminho_ponto=self.caminho_ponto)
        return self if condicao is None else self.filter(condicao)

    def editaveis_por(self, usuario):
        """Linhas que o usuário pode alterar: gestor e operador; Governo só lê."""
        from .models import Papel

        if getattr(usuario, "is_superuser", False):
            return self
        condicao = filtro_escopo(
            usuario,
            caminho_secretaria=self.caminho_secretaria,
            caminho_ponto=self.caminho_ponto,
            papeis={Papel.GESTOR, Papel.OPERADOR},
        )
        if condicao is None:
            return self.none()
        if not any(not v.secretaria.eh_governo for v in vinculos_de(usuario)):
            return self.none()
        return self.filter(condicao)


def obter_para(queryset, *, usuario, pk):
    """Um objeto visível ao usuário, ou 404 — sem distinguir "inexistente" de "alheio"."""
    try:
        return queryset.visiveis_para(usuario).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
