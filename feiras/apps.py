from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeirasConfig(AppConfig):
    name = "feiras"
    verbose_name = _("Feiras")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from feiras import extensoes, tasks  # noqa: F401  (registra tarefas Celery)

        extensoes.registrar()
