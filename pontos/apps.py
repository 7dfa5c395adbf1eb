from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PontosConfig(AppConfig):
    name = "pontos"
    verbose_name = _("Núcleo: Pontos, pessoas e secretarias")
    default_auto_field = "django.db.models.BigAutoField"
