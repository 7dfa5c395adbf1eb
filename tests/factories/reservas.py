"""Fábricas de reservas e fotos de Ponto (núcleo, parte do portal)."""

import datetime

import factory
from django.utils import timezone

from pontos.models import FotoPonto, Reserva
from tests.factories import EspacoFactory


class ReservaFactory(factory.django.DjangoModelFactory):
    """Reserva gravada direto (para leitura); fluxos de domínio usam ``reserva_criar``."""

    class Meta:
        model = Reserva

    espaco = factory.SubFactory(EspacoFactory)
    secretaria = factory.LazyAttribute(lambda o: o.espaco.ponto.secretaria)
    inicio = factory.Sequence(lambda n: timezone.now() + datetime.timedelta(days=1, hours=3 * n))
    fim = factory.LazyAttribute(lambda o: o.inicio + datetime.timedelta(hours=2))
    titulo = factory.Sequence(lambda n: f"Atividade {n}")


class FotoPontoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FotoPonto

    ponto = factory.SubFactory("tests.factories.PontoFactory")
    imagem = factory.django.ImageField(color="green", width=64, height=48, format="JPEG")
    legenda = factory.Sequence(lambda n: f"Vista do Ponto {n}")
