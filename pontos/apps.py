from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _demo_indexar_vitrine(*, demo):
    """Demonstração: a vitrine do Butantã já nasce pesquisável."""
    from pontos.services.busca import empreendedor_indexar

    for pessoa in demo.pessoas:
        empreendedor_indexar(empreendedor=pessoa)


class PontosConfig(AppConfig):
    name = "pontos"
    verbose_name = _("Núcleo: Pontos, pessoas e secretarias")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pontos import extensoes

        for item in (
            extensoes.ItemMenu("pontos", _("Pontos"), "pontos:ponto_lista", ordem=10),
            extensoes.ItemMenu("agenda", _("Agenda"), "pontos:agenda", ordem=20),
            extensoes.ItemMenu("vitrine", _("Vitrine"), "pontos:vitrine", ordem=30),
        ):
            extensoes.menu_publico.registrar(item)
        extensoes.demonstracao.registrar(_demo_indexar_vitrine, chave="pontos.vitrine_indexar")
        self._ligar_cache_vinculos()

    def _ligar_cache_vinculos(self):
        """Gravou um vínculo, os Pontos de um vínculo ou uma secretaria: o escopo é relido."""
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from pontos.escopo import vinculos_esquecer
        from pontos.models import Secretaria, Vinculo

        for modelo in (Vinculo, Secretaria):
            for sinal in (post_save, post_delete):
                sinal.connect(vinculos_esquecer, sender=modelo, weak=False, dispatch_uid=f"escopo-{modelo}-{sinal}")
        m2m_changed.connect(vinculos_esquecer, sender=Vinculo.pontos.through, weak=False, dispatch_uid="escopo-pontos")
