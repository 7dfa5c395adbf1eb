"""Lotação garantida pelo banco: muitas conexões reais disputando as últimas vagas (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from formacao import services
from formacao.models import Matricula, SituacaoMatricula, Turma
from tests.factories import EmpreendedorFactory
from tests.factories.formacao import TurmaFactory

CONCORRENTES = 40


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rodada", range(3))
def test_nenhuma_turma_acima_da_capacidade(rodada, smdet, ponto, espaco):
    assert connection.vendor == "postgresql", "este teste precisa de PostgreSQL (DATABASE_URL)"
    turma = TurmaFactory(secretaria=smdet, ponto=ponto, espaco=espaco, curso__secretaria=smdet, vagas=5)
    pessoas = [EmpreendedorFactory() for _ in range(CONCORRENTES)]
    largada = threading.Barrier(CONCORRENTES)
    erros = []

    def matricular(pessoa):
        try:
            largada.wait()
            services.matricula_criar(turma=turma, empreendedor=pessoa)
        except Exception as erro:  # pragma: no cover - qualquer erro reprova o teste
            erros.append(erro)
        finally:
            connections.close_all()

    fios = [threading.Thread(target=matricular, args=(p,)) for p in pessoas]
    for fio in fios:
        fio.start()
    for fio in fios:
        fio.join()

    assert not erros
    turma.refresh_from_db()
    confirmadas = Matricula.objects.filter(turma=turma, situacao=SituacaoMatricula.CONFIRMADA).count()
    espera = Matricula.objects.filter(turma=turma, situacao=SituacaoMatricula.ESPERA).count()
    assert confirmadas == turma.vagas_ocupadas == 5
    assert espera == CONCORRENTES - 5

    # cancelamentos concorrentes: cada vaga liberada é ocupada por exatamente uma pessoa da espera
    canceladas = list(Matricula.objects.filter(turma=turma, situacao=SituacaoMatricula.CONFIRMADA)[:3])
    largada2 = threading.Barrier(len(canceladas))

    def cancelar(m):
        try:
            largada2.wait()
            services.matricula_cancelar(matricula=m)
        except Exception as erro:  # pragma: no cover
            erros.append(erro)
        finally:
            connections.close_all()

    fios = [threading.Thread(target=cancelar, args=(m,)) for m in canceladas]
    for fio in fios:
        fio.start()
    for fio in fios:
        fio.join()
    assert not erros
    assert Matricula.objects.filter(turma=turma, situacao=SituacaoMatricula.CONFIRMADA).count() == 5
    assert Turma.objects.get(pk=turma.pk).vagas_ocupadas == 5
