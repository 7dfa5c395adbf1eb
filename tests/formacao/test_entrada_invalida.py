"""Entrada qualquer nos formulários públicos e de Minha conta: nunca 500, nada salvo pela metade."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formacao.models import EtapaFormalizacao, Presenca

texto = st.text(max_size=80)
CONFIG = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.django_db
@CONFIG
@given(codigo=texto)
def test_verificacao_aguenta_qualquer_codigo(client, codigo):
    cache.clear()
    resposta = client.get(reverse("formacao:certificado_verificar"), {"codigo": codigo})
    assert resposta.status_code in (200, 429)


@pytest.mark.django_db
@CONFIG
@given(codigo=texto)
def test_presenca_aguenta_qualquer_codigo(client, empreendedor, codigo):
    cache.clear()
    client.force_login(empreendedor.usuario)
    resposta = client.post(reverse("formacao:presenca_codigo"), {"codigo": codigo})
    assert resposta.status_code == 200
    assert not Presenca.objects.exists()


@pytest.mark.django_db
@CONFIG
@given(passo=texto | st.sampled_from(["govbr", "mei", "ccm", "nota_fiscal"]), data=texto, dado=texto, nao=st.booleans())
def test_trilha_aguenta_qualquer_entrada(client, empreendedor, passo, data, dado, nao):
    client.force_login(empreendedor.usuario)
    campos = {"passo": passo, "feito_em": data, "dado": dado}
    if nao:
        campos["nao_se_aplica"] = "on"
    resposta = client.post(reverse("formacao:formalizacao"), campos)
    assert resposta.status_code in (302, 400)
    if resposta.status_code == 400:
        assert EtapaFormalizacao.objects.filter(empreendedor=empreendedor, passo=passo).count() <= 1
