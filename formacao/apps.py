from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormacaoConfig(AppConfig):
    name = "formacao"
    verbose_name = _("Formação")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from formacao import extensoes, tasks  # noqa: F401 - registra tarefas e pontos de extensão

        extensoes.registrar()
