"""Fixtures comuns: sempre duas secretarias com equipe, e um usuário do Governo."""

import pytest

from pontos.models import Papel
from tests.factories import (
    EmpreendedorFactory,
    EspacoFactory,
    PontoFactory,
    SecretariaFactory,
    TerritorioFactory,
    UsuarioFactory,
    VinculoFactory,
)


@pytest.fixture(autouse=True)
def _midia_temporaria(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _tarefas_na_hora(request):
    """Fora dos testes ``worker``, as tarefas rodam na hora mesmo com REDIS_URL definido.

    Assim a suíte confere o efeito das tarefas (e-mails, miniaturas) nos dois passes da CI;
    os testes ``worker`` sobem um worker de verdade e usam o broker real.
    """
    from celery import current_app

    if request.node.get_closest_marker("worker"):
        yield
        return
    anterior = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = anterior


@pytest.fixture
def smdet(db):
    return SecretariaFactory(sigla="smdet", nome="Secretaria Municipal de Desenvolvimento Econômico e Trabalho")


@pytest.fixture
def svma(db):
    return SecretariaFactory(sigla="svma", nome="Secretaria Municipal do Verde e do Meio Ambiente")


@pytest.fixture
def smc(db):
    return SecretariaFactory(sigla="smc", nome="Secretaria Municipal de Cultura")


@pytest.fixture
def sgm(db):
    return SecretariaFactory(sigla="sgm", nome="Secretaria de Governo Municipal", eh_governo=True)


@pytest.fixture
def territorio(db):
    return TerritorioFactory(nome="Butantã", slug="butanta")


@pytest.fixture
def ponto(smdet, territorio):
    return PontoFactory(nome="CRESAN Butantã", slug="cresan", secretaria=smdet, territorio=territorio)


@pytest.fixture
def ponto_svma(svma, territorio):
    return PontoFactory(nome="Parque do Jockey", slug="jockey", secretaria=svma, territorio=territorio)


@pytest.fixture
def espaco(ponto):
    return EspacoFactory(ponto=ponto, nome="Sala de oficinas")


def _equipe(secretaria, papel):
    return VinculoFactory(secretaria=secretaria, papel=papel).usuario


@pytest.fixture
def gestor_smdet(smdet):
    return _equipe(smdet, Papel.GESTOR)


@pytest.fixture
def operador_smdet(smdet):
    return _equipe(smdet, Papel.OPERADOR)


@pytest.fixture
def consulta_smdet(smdet):
    return _equipe(smdet, Papel.CONSULTA)


@pytest.fixture
def gestor_svma(svma):
    return _equipe(svma, Papel.GESTOR)


@pytest.fixture
def gestor_smc(smc):
    return _equipe(smc, Papel.GESTOR)


@pytest.fixture
def usuario_governo(sgm):
    return _equipe(sgm, Papel.CONSULTA)


@pytest.fixture
def empreendedor(territorio):
    return EmpreendedorFactory(territorio=territorio)


@pytest.fixture
def cidadao(db):
    return UsuarioFactory()


@pytest.fixture(autouse=True)
def _mfa_opcional_nos_testes(settings):
    """Gestores só entram na Gestão com TOTP; os testes das outras telas entram sem ele.

    ``tests/pontos/test_contas_mfa.py`` liga a exigência de volta.
    """
    settings.MFA_OBRIGATORIO_GESTORES = False
