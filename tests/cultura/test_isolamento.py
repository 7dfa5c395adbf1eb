"""Isolamento do Cultura (enquanto a varredura geral não chega): outra secretaria e outra pessoa levam 404."""

import pytest
from django.urls import reverse

from pontos.gestao import gestao_site
from tests.factories import EmpreendedorFactory
from tests.isolamento import casos_cultura


@pytest.mark.django_db
@pytest.mark.parametrize("rota", sorted(casos_cultura.ROTAS_EQUIPE))
def test_rota_de_equipe_alheia(client, rota, smc, gestor_svma):
    kwargs = casos_cultura.ROTAS_EQUIPE[rota](smc)
    client.force_login(gestor_svma)
    url = reverse(rota, kwargs=kwargs)
    assert client.get(url).status_code == 404
    assert client.post(url, {"acao": "publicar", "decisao": "deferido", "resposta": "x"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("rota", sorted(casos_cultura.ROTAS_PESSOAIS))
def test_rota_pessoal_alheia(client, rota, territorio):
    dono = EmpreendedorFactory(territorio=territorio)
    kwargs = casos_cultura.ROTAS_PESSOAIS[rota](dono)
    intrusa = EmpreendedorFactory(territorio=territorio)
    client.force_login(intrusa.usuario)
    url = reverse(rota, kwargs=kwargs)
    assert client.get(url).status_code == 404
    assert client.post(url, {"texto": "x" * 30, "nome": "y"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("modelo", list(casos_cultura.MODELOS), ids=lambda m: m.__name__)
def test_gestao_admin_alheio(client, modelo, smc, gestor_svma):
    objeto = casos_cultura.MODELOS[modelo](smc)
    assert modelo in gestao_site._registry
    client.force_login(gestor_svma)
    opcoes = modelo._meta
    url = reverse(f"gestao:{opcoes.app_label}_{opcoes.model_name}_change", args=[objeto.pk])
    assert client.get(url).status_code == 404
    lista = client.get(reverse(f"gestao:{opcoes.app_label}_{opcoes.model_name}_changelist"))
    assert lista.status_code == 200
    assert f"/{objeto.pk}/change/" not in lista.content.decode()
