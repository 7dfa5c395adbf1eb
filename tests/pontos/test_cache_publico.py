import pytest

from tests.factories import PontoFactory


@pytest.fixture
def com_cache(settings):
    from django.core.cache import cache

    settings.CACHE_PUBLICO_SEGUNDOS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_visitante_anonimo_recebe_do_cache_sem_consultas(client, com_cache, ponto, django_assert_num_queries):
    primeira = client.get("/pontos/")
    assert primeira.status_code == 200
    PontoFactory(nome="Ponto recém-criado")
    with django_assert_num_queries(0):
        segunda = client.get("/pontos/")
    assert segunda.content == primeira.content
    assert "Cookie" in segunda["Vary"]


@pytest.mark.django_db
def test_quem_esta_logado_ve_na_hora(client, com_cache, ponto, cidadao):
    client.get("/pontos/")
    PontoFactory(nome="Ponto recém-criado")
    client.force_login(cidadao)
    assert "Ponto recém-criado" in client.get("/pontos/").content.decode()
