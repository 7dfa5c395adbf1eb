import hashlib

import pytest

from feiras import services
from feiras.models import Alocacao, CategoriaFeira, Inscricao, Sorteio, StatusInscricao
from pontos.models import TipoQualificacao
from tests.factories import EmpreendedorFactory, QualificacaoFactory
from tests.factories.feiras import AlocacaoFactory, FeiraFactory, InscricaoFactory, feira_com_bancas

pytestmark = pytest.mark.django_db


def test_pontuacao_com_pesos_da_feira(smdet, territorio):
    feira, cat = feira_com_bancas(secretaria=smdet)
    feira.ponto.territorio = territorio
    feira.ponto.save()
    feira.peso_cadunico = 50
    feira.save()
    pessoa = EmpreendedorFactory(cadunico=True, territorio=territorio)
    QualificacaoFactory(empreendedor=pessoa, tipo=TipoQualificacao.BOAS_PRATICAS)
    QualificacaoFactory(empreendedor=pessoa, tipo=TipoQualificacao.GESTAO_FINANCAS)
    # uma banca e uma ausência recentes em outra feira
    antiga = FeiraFactory(secretaria=smdet, data=feira.data.replace(day=1) if feira.data.day > 1 else feira.data)
    if antiga.data >= feira.data:
        antiga.data = feira.data.fromordinal(feira.data.toordinal() - 3)
        antiga.save()
    AlocacaoFactory(inscricao__feira=antiga, inscricao__empreendedor=pessoa, inscricao__status="ausente")
    inscricao = InscricaoFactory(feira=feira, categoria=cat, empreendedor=pessoa)
    inscricao = Inscricao.objects.select_related("empreendedor").get(pk=inscricao.pk)
    candidata = services.Candidata.de(inscricao)
    total, detalhe = services.pontuacoes_calcular(feira=feira, inscricoes=[candidata])[inscricao.pk]
    assert detalhe == {"cadunico": 50, "territorio": 20, "qualificacao": 10, "rodizio": 20, "ausencia": -15}
    assert total == 85


def test_alocacao_sorteio_reproduzivel_e_espera(smdet):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=3, cota=3)
    inscricoes = [InscricaoFactory(feira=feira, categoria=cat) for _ in range(7)]
    sorteio = services.alocacao_executar(feira=feira, semente="abc123")
    assert Alocacao.objects.filter(feira=feira).count() == 3
    assert CategoriaFeira.objects.get(pk=cat.pk).aprovadas == 3
    # todos empatam (mesmo perfil): a ordem é a do SHA-256 de "semente:id"
    esperada = sorted((i.pk for i in inscricoes), key=lambda pk: hashlib.sha256(f"abc123:{pk}".encode()).hexdigest())
    assert [item["id"] for item in sorteio.ordem] == esperada
    aprovadas = set(Inscricao.objects.filter(feira=feira, status=StatusInscricao.APROVADA).values_list("pk", flat=True))
    assert aprovadas == set(esperada[:3])
    espera = list(
        Inscricao.objects.filter(feira=feira, status="espera").order_by("posicao_espera").values_list("pk", flat=True)
    )
    assert espera == esperada[3:]
    # idempotente
    assert services.alocacao_executar(feira=feira, semente="outra").pk == sorteio.pk
    assert Sorteio.objects.count() == 1


def test_pontuacao_maior_vence_o_sorteio(smdet):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=1, cota=1)
    comum = [InscricaoFactory(feira=feira, categoria=cat) for _ in range(5)]
    prioritaria = InscricaoFactory(feira=feira, categoria=cat, empreendedor=EmpreendedorFactory(cadunico=True))
    services.alocacao_executar(feira=feira, semente="x")
    prioritaria.refresh_from_db()
    assert (
        prioritaria.status == StatusInscricao.APROVADA
        and prioritaria.pontuacao > comum[0].__class__.objects.get(pk=comum[0].pk).pontuacao
    )


def test_semente_diferente_muda_a_ordem_dos_empatados(smdet):
    ids = list(range(1, 40))
    a = services.ordem_sorteio("s1", [(i, 0) for i in ids])
    b = services.ordem_sorteio("s2", [(i, 0) for i in ids])
    assert a != b and sorted(a) == sorted(b)
    assert services.ordem_sorteio("s1", [(i, 0) for i in reversed(ids)]) == a
