import pytest

from tests.factories.formacao import TurmaFactory


@pytest.fixture
def turma(smdet, ponto, espaco):
    return TurmaFactory(secretaria=smdet, ponto=ponto, espaco=espaco, curso__secretaria=smdet, vagas=2)
