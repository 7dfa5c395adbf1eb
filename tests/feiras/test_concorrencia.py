"""Corrida pela última banca no PostgreSQL, com conexões reais: nunca overbooking, nunca erro."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from feiras import services
from feiras.models import Alocacao, CategoriaFeira, Inscricao, StatusInscricao
from tests.factories import EmpreendedorFactory, SecretariaFactory, VinculoFactory
from tests.factories.feiras import InscricaoFactory, feira_com_bancas

CLIENTES = 50
RODADAS = 3


def _em_paralelo(funcoes):
    barreira = threading.Barrier(len(funcoes))
    resultados, erros = [], []

    def correr(funcao):
        try:
            barreira.wait(timeout=30)
            resultados.append(funcao())
        except ValidationError as erro:
            resultados.append(erro)
        except Exception as erro:  # qualquer outra coisa é erro de servidor
            erros.append(repr(erro))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=correr, args=(f,)) for f in funcoes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return resultados, erros


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rodada", range(RODADAS))
def test_cinquenta_clientes_disputam_a_ultima_banca(rodada):
    assert connection.vendor == "postgresql", "este teste precisa de PostgreSQL real (DATABASE_URL)"
    secretaria = SecretariaFactory(sigla=f"smdet{rodada}")
    gestor = VinculoFactory(secretaria=secretaria).usuario
    feira, categoria = feira_com_bancas(secretaria=secretaria, bancas=3, cota=3)
    # duas bancas já dadas: resta uma
    for _ in range(2):
        services.inscricao_aprovar(inscricao=InscricaoFactory(feira=feira, categoria=categoria), por=gestor)
    disputantes = [InscricaoFactory(feira=feira, categoria=categoria) for _ in range(CLIENTES)]

    def aprovar(inscricao):
        return lambda: services.inscricao_aprovar(inscricao=inscricao, por=gestor)

    resultados, erros = _em_paralelo([aprovar(i) for i in disputantes])

    assert erros == []
    assert len(resultados) == CLIENTES
    vencedoras = [r for r in resultados if isinstance(r, Inscricao)]
    recusas = [r for r in resultados if isinstance(r, ValidationError)]
    assert len(vencedoras) == 1 and len(recusas) == CLIENTES - 1
    assert all("Não há banca livre" in " ".join(r.messages) for r in recusas)
    assert Alocacao.objects.filter(feira=feira).count() == 3
    assert Alocacao.objects.filter(feira=feira).values("banca").distinct().count() == 3
    assert CategoriaFeira.objects.get(pk=categoria.pk).aprovadas == 3
    assert Inscricao.objects.filter(feira=feira, status=StatusInscricao.APROVADA).count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_mesma_pessoa_cinquenta_vezes_gera_uma_inscricao():
    assert connection.vendor == "postgresql", "este teste precisa de PostgreSQL real (DATABASE_URL)"
    secretaria = SecretariaFactory(sigla="smdetdup")
    feira, categoria = feira_com_bancas(secretaria=secretaria)
    pessoa = EmpreendedorFactory()

    def inscrever():
        return services.inscricao_criar(feira=feira, empreendedor=pessoa, categoria=categoria, produtos="Cestos")

    resultados, erros = _em_paralelo([inscrever] * CLIENTES)
    assert erros == []
    assert sum(isinstance(r, Inscricao) for r in resultados) == 1
    assert Inscricao.objects.filter(feira=feira, empreendedor=pessoa).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_cancelamentos_e_promocoes_concorrentes_nao_excedem_a_cota():
    assert connection.vendor == "postgresql", "este teste precisa de PostgreSQL real (DATABASE_URL)"
    secretaria = SecretariaFactory(sigla="smdetpro")
    gestor = VinculoFactory(secretaria=secretaria).usuario
    feira, categoria = feira_com_bancas(secretaria=secretaria, bancas=10, cota=10)
    for _ in range(30):
        InscricaoFactory(feira=feira, categoria=categoria)
    services.alocacao_executar(feira=feira, por=gestor, semente="corrida")
    aprovadas = list(
        Inscricao.objects.filter(feira=feira, status=StatusInscricao.APROVADA).select_related("empreendedor")
    )

    def cancelar(inscricao):
        return lambda: services.inscricao_cancelar(inscricao=inscricao, empreendedor=inscricao.empreendedor)

    resultados, erros = _em_paralelo([cancelar(i) for i in aprovadas])
    assert erros == []
    assert Alocacao.objects.filter(feira=feira).count() == 10
    assert CategoriaFeira.objects.get(pk=categoria.pk).aprovadas == 10
    assert Inscricao.objects.filter(feira=feira, status=StatusInscricao.APROVADA).count() == 10
    assert Inscricao.objects.filter(feira=feira, status=StatusInscricao.ESPERA).count() == 10
