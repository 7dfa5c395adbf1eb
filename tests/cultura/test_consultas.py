"""O número de consultas não cresce com o número de linhas."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cultura import services
from tests.factories import EmpreendedorFactory
from tests.factories.cultura import (
    ApresentacaoFactory,
    ArtistaFactory,
    ChamadaFactory,
    PropostaFactory,
    RecursoFactory,
    imagem_enviada,
)


def _contar(client, url):
    with CaptureQueriesContext(connection) as contexto:
        resposta = client.get(url)
    assert resposta.status_code == 200, url
    return len(contexto.captured_queries)


def _mesmo_numero(client, url, criar, django_assert_num_queries, limite):
    criar(1)
    uma = _contar(client, url)
    criar(6)
    with django_assert_num_queries(uma):
        client.get(url)
    assert uma <= limite, f"{url}: {uma} consultas"
    return uma


@pytest.mark.django_db
def test_paginas_publicas(client, smc, palco, gestor_smc, django_assert_num_queries):
    def artistas(n):
        for _ in range(n):
            artista = ArtistaFactory()
            services.artista_foto_adicionar(artista=artista, arquivo=imagem_enviada(), legenda="Foto")

    def apresentacoes(n):
        base = timezone.now() + datetime.timedelta(days=2)
        for i in range(n):
            ApresentacaoFactory(
                ponto=palco.ponto, espaco=palco, inicio=base + datetime.timedelta(hours=i * 2 + n * 30), secretaria=smc
            )

    def chamadas(n):
        for _ in range(n):
            ChamadaFactory(secretaria=smc)

    _mesmo_numero(client, reverse("cultura:artista_lista"), artistas, django_assert_num_queries, 10)
    _mesmo_numero(client, reverse("cultura:inicio"), apresentacoes, django_assert_num_queries, 10)
    _mesmo_numero(client, "/agenda/", apresentacoes, django_assert_num_queries, 10)
    _mesmo_numero(client, f"/pontos/{palco.ponto.slug}/", apresentacoes, django_assert_num_queries, 10)
    _mesmo_numero(client, reverse("cultura:chamada_lista"), chamadas, django_assert_num_queries, 10)
    artista = ArtistaFactory()

    def do_artista(n):
        base = timezone.now() + datetime.timedelta(days=40)
        for i in range(n):
            ApresentacaoFactory(
                artista=artista, ponto=palco.ponto, espaco=palco, inicio=base + datetime.timedelta(hours=i * 2 + n * 30)
            )

    _mesmo_numero(client, artista.get_absolute_url(), do_artista, django_assert_num_queries, 10)


@pytest.mark.django_db
def test_resultado_publico(client, chamada, django_assert_num_queries):
    from cultura.models import Chamada, EstadoChamada

    Chamada.objects.filter(pk=chamada.pk).update(estado=EstadoChamada.FINAL)

    def propostas(n):
        for _ in range(n):
            PropostaFactory(chamada=chamada, estado="selecionada", posicao=1, nota=8)

    _mesmo_numero(client, chamada.get_absolute_url(), propostas, django_assert_num_queries, 10)


@pytest.mark.django_db
def test_telas_da_equipe(client, chamada, gestor_smc, palco, smc, django_assert_num_queries):
    client.force_login(gestor_smc)

    def propostas(n):
        for _ in range(n):
            RecursoFactory(proposta=PropostaFactory(chamada=chamada))

    _mesmo_numero(
        client, reverse("cultura:gestao_chamada", kwargs={"pk": chamada.pk}), propostas, django_assert_num_queries, 15
    )
    _mesmo_numero(
        client,
        reverse("cultura:gestao_chamadas"),
        lambda n: [ChamadaFactory(secretaria=smc) for _ in range(n)],
        django_assert_num_queries,
        15,
    )
    _mesmo_numero(
        client,
        reverse("cultura:gestao_apresentacoes"),
        lambda n: [ApresentacaoFactory(secretaria=smc) for _ in range(n)],
        django_assert_num_queries,
        15,
    )


@pytest.mark.django_db
def test_minhas_propostas(client, territorio, django_assert_num_queries):
    pessoa = EmpreendedorFactory(territorio=territorio)
    client.force_login(pessoa.usuario)

    def propostas(n):
        for _ in range(n):
            PropostaFactory(artista=ArtistaFactory(responsavel=pessoa))

    _mesmo_numero(client, reverse("cultura:minhas_propostas"), propostas, django_assert_num_queries, 12)
    _mesmo_numero(client, reverse("cultura:perfil_artistico"), lambda n: None, django_assert_num_queries, 12)


@pytest.mark.django_db
def test_detalhes_da_proposta(client, chamada, gestor_smc, django_assert_num_queries):
    """Tela de avaliação (equipe) e proposta em Minha conta: documentos e avaliações não multiplicam consultas."""
    from cultura.models import Avaliacao, DocumentoProposta, NotaCriterio
    from tests.factories import VinculoFactory
    from tests.factories.cultura import DocumentoExigidoFactory, pdf_enviado

    proposta = PropostaFactory(chamada=chamada)
    Chamada = type(chamada)
    Chamada.objects.filter(pk=chamada.pk).update(estado="resultado")

    def mais(n):
        for _ in range(n):
            exigido = DocumentoExigidoFactory(chamada=chamada)
            DocumentoProposta.objects.create(proposta=proposta, exigido=exigido, arquivo=pdf_enviado())
            avaliador = VinculoFactory(secretaria=chamada.secretaria).usuario
            avaliacao = Avaliacao.objects.create(proposta=proposta, avaliador=avaliador, concluida_em=timezone.now())
            for criterio in chamada.criterios.all():
                NotaCriterio.objects.create(avaliacao=avaliacao, criterio=criterio, nota=7)

    client.force_login(gestor_smc)
    _mesmo_numero(
        client, reverse("cultura:gestao_proposta", kwargs={"pk": proposta.pk}), mais, django_assert_num_queries, 15
    )
    client.force_login(proposta.artista.responsavel.usuario)
    _mesmo_numero(
        client, reverse("cultura:proposta_editar", kwargs={"pk": proposta.pk}), mais, django_assert_num_queries, 12
    )
