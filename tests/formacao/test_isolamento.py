"""Os casos de ``tests/isolamento/casos_formacao.py`` vistos por outra secretaria e outra pessoa.

A varredura geral do portal também os percorre; este teste garante o mesmo já neste app.
"""

import pytest
from django.urls import reverse

from formacao.models import Turma
from pontos.gestao import gestao_site
from pontos.models import Papel
from tests.factories import EmpreendedorFactory, SecretariaFactory, VinculoFactory
from tests.isolamento import casos_formacao as casos
from tests.isolamento import linhas_da_lista

pytestmark = pytest.mark.django_db
PAPEIS = [Papel.GESTOR, Papel.OPERADOR, Papel.CONSULTA]


@pytest.fixture
def dona_outra():
    return SecretariaFactory(sigla="dona"), SecretariaFactory(sigla="outra")


def test_modelos_da_gestao_classificados():
    meus = {m for m in gestao_site._registry if m._meta.app_label == "formacao"}
    assert meus == set(casos.MODELOS)


@pytest.mark.parametrize("papel", PAPEIS)
@pytest.mark.parametrize("modelo", list(casos.MODELOS), ids=lambda m: m.__name__)
def test_gestao_de_outra_secretaria(client, dona_outra, modelo, papel):
    dona, outra = dona_outra
    objeto = casos.MODELOS[modelo](dona)
    nome = f"gestao:formacao_{modelo._meta.model_name}"
    client.force_login(VinculoFactory(secretaria=dona, papel=Papel.GESTOR).usuario)
    assert client.get(reverse(f"{nome}_change", args=[objeto.pk])).status_code == 200
    client.force_login(VinculoFactory(secretaria=outra, papel=papel).usuario)
    assert client.get(reverse(f"{nome}_change", args=[objeto.pk])).status_code in (403, 404)
    lista = client.get(reverse(f"{nome}_changelist"))
    assert objeto.pk not in {o.pk for o in linhas_da_lista(lista)}


@pytest.mark.parametrize("papel", PAPEIS)
@pytest.mark.parametrize("nome", sorted(casos.ROTAS_EQUIPE))
def test_rota_de_equipe_de_outra_secretaria(client, dona_outra, nome, papel):
    dona, outra = dona_outra
    url = reverse(nome, kwargs=casos.ROTAS_EQUIPE[nome](dona))
    client.force_login(VinculoFactory(secretaria=dona, papel=Papel.GESTOR).usuario)
    assert client.get(url).status_code in (200, 302)
    client.force_login(VinculoFactory(secretaria=outra, papel=papel).usuario)
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {"motivo": "x", "passo": "govbr", "presentes": []}).status_code in (403, 404)


@pytest.mark.parametrize("nome", sorted(casos.ROTAS_PESSOAIS))
def test_rota_pessoal_de_outra_pessoa(client, nome):
    dona = EmpreendedorFactory()
    url = reverse(nome, kwargs=casos.ROTAS_PESSOAIS[nome](dona))
    client.force_login(dona.usuario)
    assert client.get(url).status_code != 404
    client.force_login(EmpreendedorFactory().usuario)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_governo_le_mas_nao_conclui(client, usuario_governo, turma):
    client.force_login(usuario_governo)
    assert client.get(reverse("formacao:equipe_turma", args=[turma.pk])).status_code == 200
    client.post(reverse("formacao:equipe_turma_concluir", args=[turma.pk]))
    assert Turma.objects.get(pk=turma.pk).situacao == "aberta"
