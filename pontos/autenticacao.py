"""Backends de autenticação que carregam o perfil de empreendedor(a) junto com a conta.

Quase toda página de quem está logado lê ``request.user.empreendedor`` (Minha conta, inscrições,
matrículas). Trazer o perfil no mesmo SELECT da conta (``LEFT JOIN``) poupa uma consulta por
página; quem não tem perfil continua sem ele (``getattr(usuario, "empreendedor", None)``).
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class _ComPerfil:
    def get_user(self, user_id):
        modelo = get_user_model()
        try:
            usuario = modelo._default_manager.select_related("empreendedor").get(pk=user_id)
        except modelo.DoesNotExist:
            return None
        return usuario if self.user_can_authenticate(usuario) else None


class BackendModelo(_ComPerfil, ModelBackend):
    """O ``ModelBackend`` do Django (login por e-mail na Gestão e nos testes)."""


class BackendAllauth(_ComPerfil, AuthenticationBackend):
    """O backend do allauth (login pelo site)."""
