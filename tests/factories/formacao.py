"""Fábricas da formação."""

import datetime

import factory
from django.utils import timezone

from formacao import services
from formacao.models import Curso, Eixo, Encontro, Matricula, SituacaoMatricula, Turma
from pontos.models import TipoQualificacao
from tests.factories import EmpreendedorFactory, EspacoFactory, PontoFactory, SecretariaFactory


class CursoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Curso

    nome = factory.Sequence(lambda n: f"Curso {n}")
    slug = factory.Sequence(lambda n: f"curso-{n}")
    eixo = Eixo.BOAS_PRATICAS
    secretaria = factory.SubFactory(SecretariaFactory)
    resumo = "Curso presencial e gratuito."
    ementa = "Higiene pessoal; conservação de alimentos; legislação sanitária."
    carga_horaria = 12
    validade_meses = 24
    concede = TipoQualificacao.BOAS_PRATICAS


class TurmaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Turma

    curso = factory.SubFactory(CursoFactory, secretaria=factory.SelfAttribute("..secretaria"))
    secretaria = factory.SubFactory(SecretariaFactory)
    ponto = factory.SubFactory(PontoFactory, secretaria=factory.SelfAttribute("..secretaria"))
    espaco = factory.SubFactory(EspacoFactory, ponto=factory.SelfAttribute("..ponto"))
    instrutor = "Chef Regina"
    vagas = 20


def encontro_criar(turma, *, dias=1, hora=14, duracao=3):
    """Encontro com reserva, pelo serviço (dias negativos: no passado)."""
    inicio = timezone.localtime().replace(hour=hora, minute=0, second=0, microsecond=0) + datetime.timedelta(days=dias)
    return services.encontro_criar(turma=turma, inicio=inicio, fim=inicio + datetime.timedelta(hours=duracao))


class EncontroFactory(factory.django.DjangoModelFactory):
    """Encontro sem reserva (para listas e contagens); o fluxo real usa ``encontro_criar``."""

    class Meta:
        model = Encontro

    turma = factory.SubFactory(TurmaFactory)
    inicio = factory.Sequence(lambda n: timezone.now() + datetime.timedelta(days=n + 1))
    fim = factory.LazyAttribute(lambda o: o.inicio + datetime.timedelta(hours=3))
    codigo_presenca = factory.Sequence(lambda n: f"T{n:05d}")
    codigo_expira_em = factory.LazyAttribute(lambda o: o.fim + datetime.timedelta(hours=1))


class MatriculaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matricula

    turma = factory.SubFactory(TurmaFactory)
    empreendedor = factory.SubFactory(EmpreendedorFactory)
    situacao = SituacaoMatricula.CONFIRMADA
