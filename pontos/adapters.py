from allauth.account.adapter import DefaultAccountAdapter


class ContaAdapter(DefaultAccountAdapter):
    """Adaptador do allauth; o login da equipe passa por aqui (bloqueio e MFA do allauth)."""
