"""Indicadores do núcleo (pessoas e qualificações), registrados pelo ``governo``.

Os programas registram os seus em ``AppConfig.ready()``; estes dois vêm do núcleo ``pontos``,
que não conhece o painel, então é o ``governo`` quem os registra.

Contrato (``pontos.extensoes.indicadores``) como o ``governo`` o lê:

- ``fn(*, inicio, fim, pontos=None, secretarias=None)``: ``inicio`` é o primeiro dia do primeiro
  mês e ``fim`` o último dia do último mês (``datetime.date``, inclusive); ``pontos`` e
  ``secretarias``, quando dados, são listas de ids.
- cada ``ValorIndicador`` traz ``mes`` (primeiro dia do mês; valores sem mês são descartados),
  ``ponto_id`` e ``secretaria_id`` quando fizer sentido; o território vem do Ponto.
- ``detalhe`` **particiona** o valor: a soma sobre os detalhes é o total. Assim um programa pode
  informar vendas por categoria, e o detalhe ``"coorte:AAAA-MM"`` (mês de entrada da pessoa no
  programa) alimenta as trajetórias.
- ``unidade="%"`` é média no painel; as demais unidades somam.
"""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from pontos import extensoes
from pontos.extensoes import Indicador, ValorIndicador

PROGRAMA_NUCLEO = "Núcleo"
CHAVE_CADASTROS = "nucleo.cadastros"
CHAVE_QUALIFICACOES = "nucleo.qualificacoes"
CHAVE_CUSTO = "governo.custo_publico"


def _ids(valores):
    return [getattr(v, "pk", v) for v in valores]


def _mes(valor):
    return valor.date() if hasattr(valor, "date") else valor


def cadastros(*, inicio, fim, pontos=None, secretarias=None):
    """Empreendedores cadastrados por mês de entrada, Ponto do cadastro e situação de formalização."""
    from pontos.models import Empreendedor

    if secretarias is not None:
        return []  # pessoas não pertencem a uma secretaria
    consulta = Empreendedor.objects.filter(
        anonimizado_em__isnull=True, criado_em__date__gte=inicio, criado_em__date__lte=fim
    )
    if pontos is not None:
        consulta = consulta.filter(ponto_cadastro__in=_ids(pontos))
    linhas = (
        consulta.annotate(m=TruncMonth("criado_em"))
        .values("m", "ponto_cadastro_id", "situacao_formalizacao")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        ValorIndicador(
            valor=linha["n"],
            ponto_id=linha["ponto_cadastro_id"],
            mes=_mes(linha["m"]),
            detalhe=linha["situacao_formalizacao"],
        )
        for linha in linhas
    ]


def qualificacoes(*, inicio, fim, pontos=None, secretarias=None):
    """Qualificações (certificados e habilitações) concedidas por mês e tipo."""
    from pontos.models import Qualificacao

    if pontos is not None or secretarias is not None:
        return []
    linhas = (
        Qualificacao.objects.filter(revogada_em__isnull=True, valida_de__gte=inicio, valida_de__lte=fim)
        .annotate(m=TruncMonth("valida_de"))
        .values("m", "tipo")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [ValorIndicador(valor=linha["n"], mes=_mes(linha["m"]), detalhe=linha["tipo"]) for linha in linhas]


def registrar():
    extensoes.indicadores.registrar(
        Indicador(CHAVE_CADASTROS, _("Novos cadastros de empreendedores"), PROGRAMA_NUCLEO, "pessoas", cadastros)
    )
    extensoes.indicadores.registrar(
        Indicador(CHAVE_QUALIFICACOES, _("Qualificações concedidas"), PROGRAMA_NUCLEO, "qualificações", qualificacoes)
    )
