"""Fábricas do programa de feiras."""

import datetime

import factory
from django.utils import timezone

from feiras.models import Alocacao, Banca, CategoriaFeira, Feira, Inscricao, LayoutBancas, RelatoVendas
from pontos.models import CategoriaProduto, TipoEspaco
from tests.factories import EmpreendedorFactory, EspacoFactory, PontoFactory, SecretariaFactory


def _agora():
    return timezone.now()


class FeiraFactory(factory.django.DjangoModelFactory):
    """Feira daqui a 10 dias, com inscrições abertas agora."""

    class Meta:
        model = Feira

    secretaria = factory.SubFactory(SecretariaFactory)
    ponto = factory.SubFactory(PontoFactory, secretaria=factory.SelfAttribute("..secretaria"))
    espaco = factory.SubFactory(
        EspacoFactory,
        ponto=factory.SelfAttribute("..ponto"),
        tipo=TipoEspaco.AREA_FEIRA,
        nome=factory.Sequence(lambda n: f"Área de feira {n}"),
    )
    titulo = factory.Sequence(lambda n: f"Feira {n}")
    tema = "Economia solidária"
    data = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    hora_inicio = datetime.time(9, 0)
    hora_fim = datetime.time(15, 0)
    inscricoes_abrem = factory.LazyFunction(lambda: _agora() - datetime.timedelta(days=1))
    inscricoes_fecham = factory.LazyFunction(lambda: _agora() + datetime.timedelta(days=5))


class LayoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LayoutBancas
        django_get_or_create = ("ponto",)

    ponto = factory.SubFactory(PontoFactory)
    secretaria = factory.SelfAttribute("ponto.secretaria")
    colunas = 8
    linhas = 5


class BancaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Banca

    layout = factory.SubFactory(LayoutFactory)
    numero = factory.Sequence(lambda n: n + 1)
    x = factory.Sequence(lambda n: n % 40 + 1)
    y = factory.Sequence(lambda n: n // 40 % 40 + 1)
    categoria = ""


class CategoriaFeiraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CategoriaFeira

    feira = factory.SubFactory(FeiraFactory)
    categoria = CategoriaProduto.ARTESANATO
    cota = 10


class InscricaoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inscricao

    feira = factory.SubFactory(FeiraFactory)
    empreendedor = factory.SubFactory(EmpreendedorFactory)
    categoria = factory.SubFactory(CategoriaFeiraFactory, feira=factory.SelfAttribute("..feira"))
    produtos = "Cestos e bolsas"


class AlocacaoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alocacao

    inscricao = factory.SubFactory(InscricaoFactory, status="aprovada")
    feira = factory.SelfAttribute("inscricao.feira")
    empreendedor = factory.SelfAttribute("inscricao.empreendedor")
    banca = factory.SubFactory(BancaFactory, layout__ponto=factory.SelfAttribute("...inscricao.feira.ponto"))


class RelatoVendasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatoVendas

    inscricao = factory.SubFactory(InscricaoFactory, status="presente")
    valor_bruto = 350
    pix = True


def feira_com_bancas(*, secretaria, ponto=None, bancas=5, cota=5, categoria=CategoriaProduto.ARTESANATO, **kwargs):
    """Feira pronta para receber inscrições: layout com ``bancas`` bancas e uma categoria."""
    feira = FeiraFactory(secretaria=secretaria, **({"ponto": ponto} if ponto else {}), **kwargs)
    layout = LayoutFactory(ponto=feira.ponto, secretaria=secretaria)
    inicio = Banca.objects.filter(layout=layout).count()
    for i in range(bancas):
        n = inicio + i
        Banca.objects.create(layout=layout, numero=n + 1, x=n % 40 + 1, y=n // 40 + 1)
    cat = CategoriaFeiraFactory(feira=feira, categoria=categoria, cota=cota)
    return feira, cat
