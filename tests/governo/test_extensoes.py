"""Demonstração (idempotente) e gerador da cidade sintética do governo."""

import datetime
import random
import types

import pytest

from governo.extensoes_governo import gerar_cidade
from governo.models import AtualizacaoResumo, ItemCusto, ResumoIndicador
from pontos import extensoes
from tests.factories import PontoFactory

pytestmark = pytest.mark.django_db


def test_demonstracao_lanca_custos_do_butanta_sem_duplicar():
    from pontos.demo import demo_carregar

    demo_carregar()
    primeira = ItemCusto.objects.count()
    assert primeira == 4 * (12 * 3 + 1)
    assert ResumoIndicador.objects.filter(chave="governo.custo_publico").exists()
    assert AtualizacaoResumo.objects.exists()
    demo_carregar()
    assert ItemCusto.objects.count() == primeira


def test_gerador_da_cidade_cria_custos_em_massa(smdet, svma):
    pontos = [PontoFactory(secretaria=smdet).pk, PontoFactory(secretaria=svma).pk]
    hoje = datetime.date.today()
    mensagens = []
    contexto = types.SimpleNamespace(
        aleatorio=random.Random(1),
        escala="bairro",
        pontos=pontos,
        inicio=hoje - datetime.timedelta(days=365),
        fim=hoje + datetime.timedelta(days=90),
        log=mensagens.append,
    )
    gerar_cidade(contexto=contexto)
    meses = 13  # de hoje - 365 dias até o mês corrente
    assert ItemCusto.objects.count() == len(pontos) * (meses * 3 + 1)
    assert set(ItemCusto.objects.values_list("secretaria__sigla", flat=True)) == {"smdet", "svma"}
    assert not ItemCusto.objects.filter(mes__gt=hoje).exists()
    assert "governo.gerar_cidade" in extensoes.geradores_cidade.chaves()
