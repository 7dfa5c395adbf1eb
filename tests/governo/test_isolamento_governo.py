"""Conferência local dos casos de isolamento do governo (a varredura geral é do ajudante portal)."""

import pytest
from django.urls import reverse

from tests.factories import VinculoFactory
from tests.isolamento import casos_governo

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rota", sorted(casos_governo.ROTAS_EQUIPE))
def test_rota_de_equipe_alheia_da_404(client, smdet, svma, sgm, rota):
    caso = casos_governo.ROTAS_EQUIPE[rota](smdet)
    kwargs = caso[0] if isinstance(caso, tuple) else caso
    for papel in ("gestor", "operador", "consulta"):
        client.force_login(VinculoFactory(secretaria=svma, papel=papel).usuario)
        assert client.get(reverse(rota, kwargs=kwargs)).status_code in (403, 404)
    client.force_login(VinculoFactory(secretaria=sgm, papel="consulta").usuario)
    assert client.get(reverse(rota, kwargs=kwargs)).status_code in (403, 404)


@pytest.mark.parametrize("modelo", list(casos_governo.MODELOS))
def test_modelo_da_gestao_alheio_da_404(client, smdet, svma, modelo):
    objeto = casos_governo.MODELOS[modelo](smdet)
    opts = modelo._meta
    client.force_login(VinculoFactory(secretaria=svma).usuario)
    url = reverse(f"gestao:{opts.app_label}_{opts.model_name}_change", args=[objeto.pk])
    assert client.get(url).status_code == 404
    lista = client.get(reverse(f"gestao:{opts.app_label}_{opts.model_name}_changelist")).content.decode()
    assert f"/{objeto.pk}/change/" not in lista


@pytest.mark.parametrize("rota", sorted(casos_governo.ROTAS_PUBLICAS))
def test_rotas_publicas_abrem_sem_login(client, db, rota):
    url = reverse(rota) + ("?programa=Núcleo" if rota.endswith("_csv") else "")
    assert client.get(url).status_code == 200
