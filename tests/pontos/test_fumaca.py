import pytest


@pytest.mark.django_db
def test_paginas_publicas_respondem(client, ponto):
    for url in ["/", "/pontos/", f"/pontos/{ponto.slug}/", "/agenda/"]:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_pagina_inexistente_em_portugues(client):
    resposta = client.get("/nao-existe/")
    assert resposta.status_code == 404
    assert "Página não encontrada" in resposta.content.decode()
