"""Confere os casos de ``tests/isolamento/casos_contas.py`` enquanto a varredura geral não chega."""

import pytest
from django.urls import reverse

from tests.factories import EmpreendedorFactory
from tests.isolamento.casos_contas import ROTAS_EQUIPE, ROTAS_PESSOAIS


@pytest.mark.django_db
@pytest.mark.parametrize("rota", sorted(ROTAS_PESSOAIS))
def test_rota_pessoal_de_outra_pessoa_e_404(client, rota):
    dona, outra = EmpreendedorFactory(), EmpreendedorFactory()
    url = reverse(rota, kwargs=ROTAS_PESSOAIS[rota](dona))
    client.force_login(dona.usuario)
    assert client.get(url).status_code == 200
    client.force_login(outra.usuario)
    assert client.get(url).status_code == 404
    assert client.post(url, {"nome": "invasão", "categoria": "outros"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("rota", sorted(ROTAS_EQUIPE))
def test_rota_de_equipe_de_outra_secretaria_e_404(client, rota, smdet, operador_smdet, gestor_svma):
    url = reverse(rota, kwargs=ROTAS_EQUIPE[rota](smdet))
    client.force_login(operador_smdet)
    assert client.get(url).status_code == 200
    client.force_login(gestor_svma)
    assert client.get(url).status_code == 404
