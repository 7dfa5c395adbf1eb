"""A cidade sintética é reproduzível pela semente e cada programa contribui pelo registro."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from pontos import extensoes
from pontos.cidade.contexto import ContextoCidade
from pontos.cidade.gerar import cidade_gerar
from pontos.models import Empreendedor, Espaco, Ponto, Produto, Territorio

HOJE = datetime.date(2026, 11, 1)


def _retrato():
    return (
        list(Ponto.objects.order_by("slug").values_list("slug", "tipo", "cep", "secretaria__sigla")),
        list(Empreendedor.objects.order_by("cpf").values_list("cpf", "nome", "publicar_vitrine", "categorias")),
        list(Produto.objects.order_by("empreendedor__cpf", "nome").values_list("nome", "foto", "preco_referencia")),
    )


@pytest.mark.django_db(transaction=True)
def test_bairro_reproduzivel_pela_semente():
    saida = io.StringIO()
    call_command("cidade_gerar", escala="bairro", semente=7, limpar=True, stdout=saida)
    assert "500 empreendedores" in saida.getvalue()
    assert Territorio.objects.count() == 1
    assert Ponto.objects.count() == 10
    assert Empreendedor.objects.count() == 500
    assert Produto.objects.count() == 1500
    assert Produto.objects.values("foto").distinct().count() <= 12
    # dois espaços por Ponto no núcleo; os programas podem acrescentar os que lhes faltam
    assert Espaco.objects.count() >= 20
    assert not Ponto.objects.annotate(n=Count("espacos")).filter(n__lt=2).exists()
    primeiro = _retrato()
    call_command("cidade_gerar", escala="bairro", semente=7, limpar=True, stdout=io.StringIO())
    assert _retrato() == primeiro
    call_command("cidade_gerar", escala="bairro", semente=8, limpar=True, stdout=io.StringIO())
    assert _retrato() != primeiro


@pytest.mark.django_db(transaction=True)
def test_sem_limpar_recusa_segunda_cidade():
    from django.core.management.base import CommandError

    call_command("cidade_gerar", escala="bairro", semente=1, limpar=True, stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("cidade_gerar", escala="bairro", semente=1, stdout=io.StringIO())


@pytest.mark.django_db
def test_gerador_registrado_recebe_o_contexto_e_usa_copiar():
    vistos = {}

    def gerador(*, contexto):
        assert isinstance(contexto, ContextoCidade)
        vistos["pontos"] = len(contexto.pontos)
        vistos["pessoas"] = len(contexto.empreendedores)
        vistos["secretarias"] = set(contexto.secretarias)
        vistos["espacos"] = sum(len(v) for v in contexto.espacos.values())
        ids = contexto.reservar_ids(Territorio, 2)
        contexto.copiar(Territorio, ({"id": i, "nome": f"Extra {i}", "slug": f"extra-{i}"} for i in ids))
        vistos["periodo"] = (contexto.inicio, contexto.fim)

    extensoes.geradores_cidade.registrar(gerador, chave="teste.gerador")
    try:
        cidade_gerar(escala="bairro", semente=1, saida=io.StringIO(), hoje=HOJE)
    finally:
        extensoes.geradores_cidade.remover("teste.gerador")
    assert vistos["pontos"] == 10
    assert vistos["pessoas"] == 500
    assert vistos["secretarias"] == {"smdet", "smc", "svma", "sgm"}
    assert vistos["espacos"] == 20
    assert vistos["periodo"][0] < HOJE < vistos["periodo"][1]
    assert Territorio.objects.filter(slug__startswith="extra-").count() == 2
    # a sequência foi acertada: o ORM cria a próxima linha sem colidir com os ids copiados
    Territorio.objects.create(nome="Depois", slug="depois")
