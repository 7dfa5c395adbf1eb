"""Vínculos da equipe em cache: uma leitura por página, e nunca um escopo velho depois de uma mudança."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from pontos.escopo import vinculos_de
from pontos.models import Papel, Usuario
from tests.factories import PontoFactory, UsuarioFactory, VinculoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_ligado(settings):
    settings.VINCULOS_CACHE_SEGUNDOS = 300
    cache.clear()
    yield
    cache.clear()


def _novo(usuario):
    return Usuario.objects.get(pk=usuario.pk)


def test_segunda_leitura_sem_consulta(gestor_smdet, django_assert_num_queries):
    assert [v.secretaria.sigla for v in vinculos_de(_novo(gestor_smdet))] == ["smdet"]
    usuario = _novo(gestor_smdet)
    with django_assert_num_queries(0):
        vinculos = vinculos_de(usuario)
        assert [v.secretaria.sigla for v in vinculos] == ["smdet"]
        assert [p.pk for v in vinculos for p in v.pontos.all()] == []


def test_mudancas_de_vinculo_pontos_e_secretaria_valem_na_hora(gestor_smdet, smdet, svma, territorio):
    vinculos_de(_novo(gestor_smdet))
    vinculo = gestor_smdet.vinculos.get()
    vinculo.papel = Papel.CONSULTA
    vinculo.save()
    assert [v.papel for v in vinculos_de(_novo(gestor_smdet))] == [Papel.CONSULTA]

    ponto = PontoFactory(secretaria=smdet, territorio=territorio)
    vinculo.pontos.add(ponto)
    assert [p.pk for v in vinculos_de(_novo(gestor_smdet)) for p in v.pontos.all()] == [ponto.pk]

    smdet.nome = "Secretaria renomeada"
    smdet.save()
    assert vinculos_de(_novo(gestor_smdet))[0].secretaria.nome == "Secretaria renomeada"

    VinculoFactory(usuario=gestor_smdet, secretaria=svma)
    assert {v.secretaria.sigla for v in vinculos_de(_novo(gestor_smdet))} == {"smdet", "svma"}

    vinculo.ativo = False
    vinculo.save()
    assert [v.secretaria.sigla for v in vinculos_de(_novo(gestor_smdet))] == ["svma"]
    gestor_smdet.vinculos.all().delete()
    assert vinculos_de(_novo(gestor_smdet)) == []


def test_conta_nova_com_o_mesmo_id_nao_herda_o_escopo(gestor_smdet):
    vinculos_de(_novo(gestor_smdet))
    versao = cache.get("escopo:vinculos:versao")
    pk = gestor_smdet.pk
    Usuario.objects.filter(pk=pk).delete()
    cache.set("escopo:vinculos:versao", versao)  # como se nenhum sinal tivesse rodado
    cidadao = UsuarioFactory(pk=pk)
    assert vinculos_de(_novo(cidadao)) == []


def test_cache_limpo_nao_serve_escopo_velho(gestor_smdet):
    vinculos_de(_novo(gestor_smdet))
    cache.delete("escopo:vinculos:versao")
    gestor_smdet.vinculos.update(papel=Papel.CONSULTA)  # sem sinal: só a versão perdida força reler
    assert [v.papel for v in vinculos_de(_novo(gestor_smdet))] == [Papel.CONSULTA]


def test_gestao_revogada_fecha_na_hora(client, operador_smdet):
    client.force_login(operador_smdet)
    assert client.get(reverse("gestao:index")).status_code == 200
    operador_smdet.vinculos.get().delete()
    assert client.get(reverse("gestao:index")).status_code in (302, 403)
