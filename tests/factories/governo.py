"""Fábricas do governo e uma "fonte falsa" de indicadores, no lugar dos programas nos testes.

A ``FonteFalsa`` guarda linhas de origem (registros) e registra indicadores que as agregam por
Ponto, mês, secretaria e detalhe, como um programa faria. Os testes conferem o painel contra
contas feitas à mão sobre essas mesmas linhas.
"""

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal

import factory

from governo.models import CategoriaCusto, ItemCusto
from pontos import extensoes
from pontos.extensoes import Indicador, ValorIndicador
from tests.factories import PontoFactory, SecretariaFactory


class ItemCustoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemCusto

    secretaria = factory.SubFactory(SecretariaFactory)
    ponto = factory.SubFactory(PontoFactory)
    programa = "Feiras"
    mes = factory.LazyFunction(lambda: datetime.date.today().replace(day=1))
    categoria = CategoriaCusto.HORAS_EQUIPE
    valor = Decimal("1000.00")


@dataclasses.dataclass
class Registro:
    chave: str
    ponto: object  # Ponto ou None
    secretaria: object
    data: datetime.date
    valor: Decimal
    detalhe: str = ""


INDICADORES_FALSOS = [
    # chave, título, programa, unidade, sustentabilidade
    ("teste.vendas", "Vendas relatadas", "Feiras", "R$", "receita"),
    ("teste.taxas", "Taxas pagas", "Feiras", "R$", "receita"),
    ("teste.ocupacao", "Ocupação das bancas", "Feiras", "%", ""),
    ("teste.publico", "Público das apresentações", "Cultura", "pessoas", ""),
    ("teste.certificados", "Certificados emitidos", "Formação", "certificados", ""),
]


class FonteFalsa:
    def __init__(self):
        self.registros = []

    def add(self, chave, *, ponto, secretaria, data, valor, detalhe=""):
        self.registros.append(Registro(chave, ponto, secretaria, data, Decimal(str(valor)), detalhe))

    def _fn(self, chave):
        def fn(*, inicio, fim, pontos=None, secretarias=None):
            somas = defaultdict(Decimal)
            contagens = defaultdict(int)
            for r in self.registros:
                if r.chave != chave or not (inicio <= r.data <= fim):
                    continue
                if pontos is not None and (r.ponto is None or r.ponto.pk not in pontos):
                    continue
                if secretarias is not None and r.secretaria.pk not in secretarias:
                    continue
                k = (r.ponto.pk if r.ponto else None, r.data.replace(day=1), r.secretaria.pk, r.detalhe)
                somas[k] += r.valor
                contagens[k] += 1
            media = chave == "teste.ocupacao"
            return [
                ValorIndicador(
                    valor=(v / contagens[k]) if media else v, ponto_id=k[0], mes=k[1], secretaria_id=k[2], detalhe=k[3]
                )
                for k, v in somas.items()
            ]

        return fn

    def registrar(self):
        for chave, titulo, programa, unidade, sust in INDICADORES_FALSOS:
            extensoes.indicadores.registrar(Indicador(chave, titulo, programa, unidade, self._fn(chave), sust))

    def remover(self):
        for chave, *_ in INDICADORES_FALSOS:
            extensoes.indicadores.remover(chave)

    def soma(self, chave, *, inicio, fim, filtro=lambda r: True):
        """Conta independente: soma das linhas de origem do período que passam no filtro."""
        return sum(
            (r.valor for r in self.registros if r.chave == chave and inicio <= r.data <= fim and filtro(r)),
            Decimal(0),
        )
