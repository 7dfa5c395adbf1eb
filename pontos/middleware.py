from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

LIVRES_PERFIL = ("/minha-conta/dados/", "/minha-conta/excluir/", "/minha-conta/reivindicar/")
AREAS_EQUIPE = ("/gestao/", "/equipe/")


class PerfilCompletoMiddleware:
    """Guia quem acabou de se cadastrar e protege a área da equipe.

    - Minha conta leva ao perfil até ele ficar completo (com uma mensagem dizendo por quê);
      exportar dados, excluir a conta e assumir um cadastro assistido continuam livres.
    - Gestores só entram na Gestão (e nas telas da equipe) com a verificação em duas etapas
      (TOTP do allauth.mfa) ativa; sem ela, vão para a tela de ativação
      (``settings.MFA_OBRIGATORIO_GESTORES``, ligado por padrão).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        usuario = getattr(request, "user", None)
        if usuario is not None and usuario.is_authenticated:
            if request.path.startswith(AREAS_EQUIPE):
                resposta = self._exigir_mfa(request, usuario)
                if resposta:
                    return resposta
            elif request.path.startswith("/minha-conta/"):
                resposta = self._exigir_perfil(request, usuario)
                if resposta:
                    return resposta
        return self.get_response(request)

    def _exigir_mfa(self, request, usuario):
        from pontos.services.contas import precisa_ativar_mfa

        if getattr(settings, "MFA_OBRIGATORIO_GESTORES", True) and precisa_ativar_mfa(usuario):
            messages.warning(
                request,
                _(
                    "Por segurança, gestores precisam ativar a verificação em duas etapas (aplicativo "
                    "autenticador) antes de entrar na Gestão."
                ),
            )
            return redirect("mfa_activate_totp")
        return None

    def _exigir_perfil(self, request, usuario):
        destino = reverse("pontos:perfil_editar")
        if request.path.startswith((destino, *LIVRES_PERFIL)) or usuario.is_staff:
            return None
        perfil = getattr(usuario, "empreendedor", None)
        if perfil is None or not perfil.perfil_completo:
            messages.info(
                request,
                _(
                    "Antes de usar Minha conta, complete seu perfil de empreendedor(a): nome, CPF, data "
                    "de nascimento, telefone, território e o que você produz. Se a equipe de um Ponto já "
                    "cadastrou você, use “Assumir meu cadastro”."
                ),
            )
            return redirect(destino)
        return None
