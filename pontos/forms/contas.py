from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CadastroForm(forms.Form):
    """Campos extras do cadastro (allauth): nome e aceite dos termos (LGPD)."""

    nome = forms.CharField(label=_("Seu nome"), max_length=150)
    aceite_termos = forms.BooleanField(
        label=_("Li e aceito os termos de uso e a política de privacidade"),
        error_messages={"required": _("Para criar a conta, é preciso aceitar os termos de uso.")},
    )

    def signup(self, request, user):
        from pontos.models import Consentimento
        from pontos.models.pessoas import TipoConsentimento

        user.nome = self.cleaned_data["nome"]
        user.save(update_fields=["nome"])
        Consentimento.objects.create(usuario=user, tipo=TipoConsentimento.TERMOS, versao=settings.TERMOS_VERSAO)
