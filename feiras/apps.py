from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeirasConfig(AppConfig):
    name = "feiras"
    verbose_name = _("Feiras")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from feiras import extensoes, tasks  # noqa: F401  (registra tarefas Celery)

        extensoes.registrar()
        self._ligar_cache_inscricao()

    def _ligar_cache_inscricao(self):
        """Gravou a feira ou uma categoria: o envio de inscrições passa a ler a versão nova."""
        from django.db.models.signals import post_delete, post_save

        from feiras.models import CategoriaFeira, Feira
        from feiras.selectors import feira_inscricao_esquecer

        def esquecer_feira(sender, instance, **kwargs):
            feira_inscricao_esquecer(instance.pk)

        def esquecer_categoria(sender, instance, **kwargs):
            feira_inscricao_esquecer(instance.feira_id)

        for sinal in (post_save, post_delete):
            sinal.connect(esquecer_feira, sender=Feira, weak=False, dispatch_uid=f"feiras-cache-feira-{sinal}")
            sinal.connect(
                esquecer_categoria, sender=CategoriaFeira, weak=False, dispatch_uid=f"feiras-cache-cat-{sinal}"
            )
