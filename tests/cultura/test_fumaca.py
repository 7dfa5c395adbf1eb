import pytest
from django.urls import reverse

from tests.factories.cultura import ApresentacaoFactory, ArtistaFactory, ChamadaFactory


@pytest.mark.django_db
def test_paginas_publicas(client, smc):
    artista = ArtistaFactory()
    chamada = ChamadaFactory(secretaria=smc)
    apresentacao = ApresentacaoFactory(artista=artista)
    for url in [
        reverse("cultura:inicio"),
        reverse("cultura:artista_lista"),
        artista.get_absolute_url(),
        reverse("cultura:chamada_lista"),
        chamada.get_absolute_url(),
        apresentacao.get_absolute_url(),
        "/agenda/",
        f"/pontos/{apresentacao.ponto.slug}/",
    ]:
        resposta = client.get(url)
        assert resposta.status_code == 200, url
    assert apresentacao.titulo in client.get("/agenda/").content.decode()
