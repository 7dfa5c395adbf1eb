from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class ContaAdapter(DefaultAccountAdapter):
    """Adaptador do allauth; o login da equipe passa por aqui (bloqueio e MFA do allauth).

    Depois do login, gestor sem verificação em duas etapas vai direto ativá-la.
    """

    def get_login_redirect_url(self, request):
        from django.conf import settings

        from pontos.services.contas import precisa_ativar_mfa

        if getattr(settings, "MFA_OBRIGATORIO_GESTORES", True) and precisa_ativar_mfa(request.user):
            return reverse("mfa_activate_totp")
        return super().get_login_redirect_url(request)
