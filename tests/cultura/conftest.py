import pytest

from pontos.models import Papel, TipoEspaco
from tests.factories import EmpreendedorFactory, EspacoFactory, PontoFactory, VinculoFactory
from tests.factories.cultura import ArtistaFactory, ChamadaFactory


@pytest.fixture
def casa_cultura(smc, territorio):
    return PontoFactory(nome="Casa de Cultura do Butantã", slug="casa-cultura", secretaria=smc, territorio=territorio)


@pytest.fixture
def palco(casa_cultura):
    return EspacoFactory(ponto=casa_cultura, nome="Teatro", tipo=TipoEspaco.PALCO)


@pytest.fixture
def avaliador_smc(smc):
    return VinculoFactory(secretaria=smc, papel=Papel.OPERADOR).usuario


@pytest.fixture
def artista(territorio):
    return ArtistaFactory(responsavel=EmpreendedorFactory(territorio=territorio), nome_artistico="Coletivo Sonoro")


@pytest.fixture
def chamada(smc, gestor_smc, avaliador_smc):
    chamada = ChamadaFactory(secretaria=smc, vagas=1)
    chamada.avaliadores.add(gestor_smc, avaliador_smc)
    return chamada


@pytest.fixture(autouse=True)
def _tarefas_na_hora():
    """Sem worker nos testes do app: a caixa de saída entrega as tarefas na própria thread."""
    from celery import current_app

    anterior = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = anterior
