from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CulturaConfig(AppConfig):
    name = "cultura"
    verbose_name = _("Cultura")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cultura import integracoes, tasks  # noqa: F401  (registra as tarefas no Celery)

        integracoes.registrar()
