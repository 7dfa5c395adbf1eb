"""Propriedade: nenhum formulário público ou de Minha conta do Cultura responde 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

texto = st.text(max_size=300)
CONFIG = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.django_db
@CONFIG
@given(tipo=texto, nome=texto, linguagem=texto, release=texto, links=texto)
def test_perfil_artistico(client, artista, tipo, nome, linguagem, release, links):
    client.force_login(artista.responsavel.usuario)
    dados = {"tipo": tipo, "nome_artistico": nome, "linguagem": linguagem, "release": release, "links_texto": links}
    for url in (reverse("cultura:artista_novo"), reverse("cultura:artista_editar", kwargs={"pk": artista.pk})):
        assert client.post(url, dados).status_code in (200, 302, 400)


@pytest.mark.django_db
@CONFIG
@given(artista_id=texto, titulo=texto, resumo=texto, recurso=texto, nome=texto)
def test_proposta_recurso_e_membro(client, chamada, artista, artista_id, titulo, resumo, recurso, nome):
    from tests.factories.cultura import PropostaFactory

    client.force_login(artista.responsavel.usuario)
    url = reverse("cultura:proposta_nova", kwargs={"pk": chamada.pk})
    assert client.post(url, {"artista": artista_id, "titulo": titulo, "resumo": resumo}).status_code in (200, 302, 400)
    proposta = PropostaFactory(chamada=chamada, artista__responsavel=artista.responsavel)
    url = reverse("cultura:recurso_criar", kwargs={"pk": proposta.pk})
    assert client.post(url, {"texto": recurso}).status_code in (200, 302, 400)
    url = reverse("cultura:artista_membro_adicionar", kwargs={"pk": artista.pk})
    assert client.post(url, {"nome": nome, "funcao": recurso}).status_code in (200, 302, 400)
    url = (
        reverse("cultura:artista_lista")
        + "?linguagem="
        + linguagem_segura(nome)
        + "&pagina="
        + linguagem_segura(titulo)
    )
    assert client.get(url).status_code == 200


def linguagem_segura(valor):
    from urllib.parse import quote

    return quote(valor, safe="")
