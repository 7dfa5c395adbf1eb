"""Casos do governo para a varredura de isolamento.

As rotas do painel sem id (``governo:painel``, ``sustentabilidade``, ``trajetorias``,
``equidade``, ``exportar``, ``relatorio_pedir``) são de equipe e leem só o resumo já limitado por
``ResumoIndicador.objects.visiveis_para``; conta sem vínculo leva 403, anônimo vai ao login.
"""

from django.core.files.base import ContentFile

from governo.models import ItemCusto, Relatorio
from tests.factories import PontoFactory, VinculoFactory
from tests.factories.governo import ItemCustoFactory


def _relatorio(sec):
    """Relatório é de quem o pediu: devolve (kwargs, dono) para a varredura entrar como o dono."""
    dono = VinculoFactory(secretaria=sec).usuario
    relatorio = Relatorio.objects.create(usuario=dono, filtros={}, situacao="pronto")
    relatorio.arquivo.save("relatorio.pdf", ContentFile(b"%PDF-1.4 teste"), save=True)
    return {"pk": relatorio.pk}, dono


# modelo registrado na Gestão -> função(secretaria) que cria um objeto dessa secretaria
MODELOS = {ItemCusto: lambda sec: ItemCustoFactory(secretaria=sec, ponto=PontoFactory(secretaria=sec))}
# rota de equipe com id de objeto -> função(secretaria) -> kwargs da URL
ROTAS_EQUIPE = {
    "governo:relatorio_detalhe": _relatorio,
    "governo:relatorio_baixar": _relatorio,
}
# rota pessoal (Minha conta) -> função(empreendedor_dono) -> kwargs
ROTAS_PESSOAIS = {}
# rotas públicas por desenho
ROTAS_PUBLICAS = {"governo:dados_abertos", "governo:dados_abertos_csv", "governo:dados_abertos_zip"}
