from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HortasConfig(AppConfig):
    name = "hortas"
    verbose_name = _("Hortas comunitárias")
    default_auto_field = "django.db.models.BigAutoField"
