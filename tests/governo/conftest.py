import datetime

import pytest
from django.core.cache import cache

from tests.factories import EmpreendedorFactory, PontoFactory, TerritorioFactory
from tests.factories.governo import FonteFalsa


@pytest.fixture(autouse=True)
def _cache_limpo():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fonte():
    fonte = FonteFalsa()
    fonte.registrar()
    yield fonte
    fonte.remover()


@pytest.fixture
def hoje():
    return datetime.date.today()


@pytest.fixture
def cenario(fonte, smdet, smc, svma, sgm, territorio, ponto, ponto_svma, hoje):
    """Dois territórios, três Pontos, três secretarias, vendas, público e pessoas em vários meses."""
    from governo.periodos import somar_meses

    oeste = TerritorioFactory(nome="Pinheiros", slug="pinheiros")
    casa = PontoFactory(nome="Casa de Cultura", slug="casa", secretaria=smc, territorio=oeste)
    este_mes = hoje.replace(day=1)
    meses = [somar_meses(este_mes, -n) for n in range(0, 8)]
    for n, mes in enumerate(meses):
        dia = mes + datetime.timedelta(days=4)
        fonte.add(
            "teste.vendas",
            ponto=ponto,
            secretaria=smdet,
            data=dia,
            valor=100 + n * 10,
            detalhe=f"coorte:{meses[-1]:%Y-%m}",
        )
        fonte.add("teste.vendas", ponto=ponto_svma, secretaria=smdet, data=dia, valor=50 + n)
        fonte.add("teste.vendas", ponto=casa, secretaria=smc, data=dia, valor=30)
        fonte.add("teste.taxas", ponto=ponto, secretaria=smdet, data=dia, valor=5)
        fonte.add("teste.ocupacao", ponto=ponto, secretaria=smdet, data=dia, valor=80)
        fonte.add("teste.ocupacao", ponto=ponto_svma, secretaria=smdet, data=dia, valor=60)
        fonte.add("teste.publico", ponto=casa, secretaria=smc, data=dia, valor=120 + n)
        fonte.add("teste.certificados", ponto=None, secretaria=smdet, data=dia, valor=3)
    # Pessoas: 6 na coorte mais antiga (formalização variada), algumas recentes.
    from django.utils import timezone

    antiga = timezone.make_aware(datetime.datetime.combine(meses[-1] + datetime.timedelta(days=2), datetime.time(12)))
    pessoas = []
    for i in range(6):
        pessoas.append(
            EmpreendedorFactory(
                territorio=territorio,
                ponto_cadastro=ponto,
                criado_em=antiga,
                situacao_formalizacao="mei" if i < 2 else "informal",
                consentiu_dados_sensiveis=i < 5,
                genero="mulher" if i < 5 else "homem",
                raca_cor="parda",
            )
        )
    recente = timezone.make_aware(datetime.datetime.combine(meses[1] + datetime.timedelta(days=3), datetime.time(12)))
    for _i in range(3):
        pessoas.append(
            EmpreendedorFactory(territorio=oeste, ponto_cadastro=casa, criado_em=recente, situacao_formalizacao="mei")
        )
    return {"casa": casa, "oeste": oeste, "meses": meses, "pessoas": pessoas}


@pytest.fixture
def celery_ansioso():
    """Tarefas rodam na hora, mesmo quando há Redis configurado (sem worker no teste)."""
    from config.celery_app import app

    antes = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = antes
