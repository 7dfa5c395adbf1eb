from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernoConfig(AppConfig):
    name = "governo"
    verbose_name = _("Painel de Governo")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from governo import extensoes_governo, indicadores, tasks  # noqa: F401 — registra as tarefas no Celery

        indicadores.registrar()
        extensoes_governo.registrar()
