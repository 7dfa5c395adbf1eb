from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernoConfig(AppConfig):
    name = "governo"
    verbose_name = _("Painel de Governo")
    default_auto_field = "django.db.models.BigAutoField"
