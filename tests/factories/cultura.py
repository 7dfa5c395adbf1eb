"""Fábricas do Cultura."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cultura.models import (
    Apresentacao,
    Artista,
    Chamada,
    Criterio,
    DocumentoExigido,
    EstadoChamada,
    EstadoProposta,
    Finalidade,
    Linguagem,
    ProjetoEspetaculo,
    Proposta,
    Recurso,
)
from pontos.models import TipoEspaco
from tests.factories import EmpreendedorFactory, EspacoFactory, PontoFactory, SecretariaFactory


def imagem_enviada(nome="foto.jpg", formato="JPEG", tamanho=(40, 30)):
    saida = io.BytesIO()
    Image.new("RGB", tamanho, "#8a1c7c").save(saida, formato)
    return SimpleUploadedFile(nome, saida.getvalue(), content_type=f"image/{formato.lower()}")


def pdf_enviado(nome="portfolio.pdf"):
    return SimpleUploadedFile(nome, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", content_type="application/pdf")


class ArtistaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Artista

    responsavel = factory.SubFactory(EmpreendedorFactory)
    nome_artistico = factory.Sequence(lambda n: f"Artista {n}")
    linguagem = Linguagem.MUSICA
    release = "Música popular do Butantã."


class ChamadaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chamada
        skip_postgeneration_save = True

    secretaria = factory.SubFactory(SecretariaFactory, sigla="smc")
    titulo = factory.Sequence(lambda n: f"Chamada cultural {n}")
    finalidade = Finalidade.APRESENTACOES
    descricao = "Apresentações nas feiras."
    elegibilidade = "Artistas do território."
    abertura = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    encerramento = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    vagas = 1
    estado = EstadoChamada.PUBLICADA

    @factory.post_generation
    def criterios(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            for ordem, (nome, peso) in enumerate(extracted or [("Qualidade", 2), ("Território", 1)]):
                Criterio.objects.create(chamada=obj, nome=nome, peso=peso, ordem=ordem)


class DocumentoExigidoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentoExigido

    chamada = factory.SubFactory(ChamadaFactory)
    nome = factory.Sequence(lambda n: f"Documento {n}")


class PropostaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposta

    chamada = factory.SubFactory(ChamadaFactory)
    artista = factory.SubFactory(ArtistaFactory)
    titulo = factory.Sequence(lambda n: f"Proposta {n}")
    resumo = "Um show de forró."
    estado = EstadoProposta.ENVIADA
    enviada_em = factory.LazyFunction(timezone.now)


class RecursoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recurso

    proposta = factory.SubFactory(PropostaFactory)
    texto = "Discordo da nota do critério de qualidade artística."


class ApresentacaoFactory(factory.django.DjangoModelFactory):
    """Sem reserva (use o serviço ``apresentacao_criar`` para o fluxo completo)."""

    class Meta:
        model = Apresentacao

    secretaria = factory.SubFactory(SecretariaFactory, sigla="smc")
    artista = factory.SubFactory(ArtistaFactory)
    ponto = factory.SubFactory(PontoFactory)
    espaco = factory.LazyAttribute(lambda o: EspacoFactory(ponto=o.ponto, tipo=TipoEspaco.PALCO))
    titulo = factory.Sequence(lambda n: f"Show {n}")
    inicio = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    duracao_minutos = 60
    fim = factory.LazyAttribute(lambda o: o.inicio + datetime.timedelta(minutes=o.duracao_minutos))


class ProjetoEspetaculoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjetoEspetaculo

    secretaria = factory.SubFactory(SecretariaFactory, sigla="smc")
    artista = factory.SubFactory(ArtistaFactory)
    titulo = factory.Sequence(lambda n: f"Espetáculo {n}")
