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
