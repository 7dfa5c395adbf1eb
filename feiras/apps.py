from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeirasConfig(AppConfig):
    name = "feiras"
    verbose_name = _("Feiras")
    default_auto_field = "django.db.models.BigAutoField"
