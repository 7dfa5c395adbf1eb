from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntrepostosConfig(AppConfig):
    name = "entrepostos"
    verbose_name = _("Entrepostos e logística")
    default_auto_field = "django.db.models.BigAutoField"
