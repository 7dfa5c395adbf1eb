import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from feiras import services
from feiras.models import Alocacao, CategoriaFeira, Feira, Inscricao, StatusInscricao
from pontos.extensoes import EventoAgenda, agenda
from pontos.models import CategoriaProduto, Notificacao, Reserva, TipoEspaco, TipoQualificacao
from pontos.services.reservas import reserva_criar
from tests.factories import EmpreendedorFactory, EspacoFactory, QualificacaoFactory
from tests.factories.feiras import InscricaoFactory, feira_com_bancas

pytestmark = pytest.mark.django_db


def _dados_feira(ponto, espaco, **extra):
    agora = timezone.now()
    dados = {
        "ponto": ponto,
        "espaco": espaco,
        "titulo": "Feira da Economia Solidária",
        "data": timezone.localdate() + datetime.timedelta(days=12),
        "hora_inicio": datetime.time(9),
        "hora_fim": datetime.time(14),
        "inscricoes_abrem": agora,
        "inscricoes_fecham": agora + datetime.timedelta(days=5),
    }
    dados.update(extra)
    return dados


def test_feira_criar_reserva_area_e_usa_secretaria_do_usuario(gestor_smdet, smdet, ponto_svma):
    area = EspacoFactory(ponto=ponto_svma, tipo=TipoEspaco.AREA_FEIRA)
    [feira] = services.feira_criar(por=gestor_smdet, **_dados_feira(ponto_svma, area))
    assert feira.secretaria == smdet
    assert feira.reserva.espaco == area and not feira.reserva.cancelada
    assert feira.reserva.inicio == feira.inicio


def test_recorrencia_mensal_gera_segundo_sabado(gestor_smdet, ponto):
    area = EspacoFactory(ponto=ponto, tipo=TipoEspaco.AREA_FEIRA)
    sabado = datetime.date(2030, 1, 12)  # segundo sábado de janeiro de 2030
    agora = timezone.make_aware(datetime.datetime(2030, 1, 1, 8))
    feiras = services.feira_criar(
        por=gestor_smdet,
        **_dados_feira(
            ponto, area, data=sabado, inscricoes_abrem=agora, inscricoes_fecham=agora + datetime.timedelta(days=5)
        ),
        recorrencia=services.Recorrencia.MENSAL,
        repeticoes=3,
    )
    assert [f.data for f in feiras] == [
        datetime.date(2030, 1, 12),
        datetime.date(2030, 2, 9),
        datetime.date(2030, 3, 9),
    ]
    assert len({f.serie for f in feiras}) == 1 and feiras[0].serie
    assert Reserva.objects.filter(espaco=area).count() == 3
    # cada edição é alterável sozinha
    services.feira_cancelar(feira=feiras[1], por=gestor_smdet)
    assert Feira.objects.get(pk=feiras[1].pk).cancelada and not Feira.objects.get(pk=feiras[2].pk).cancelada


def test_conflito_com_outro_programa_recusa_com_motivo(gestor_smdet, smc, ponto):
    area = EspacoFactory(ponto=ponto, tipo=TipoEspaco.AREA_FEIRA)
    dados = _dados_feira(ponto, area)
    inicio = timezone.make_aware(datetime.datetime.combine(dados["data"], datetime.time(10)))
    reserva_criar(
        espaco=area, inicio=inicio, fim=inicio + datetime.timedelta(hours=2), titulo="Ensaio do coral", secretaria=smc
    )
    with pytest.raises(ValidationError) as erro:
        services.feira_criar(por=gestor_smdet, **dados)
    assert "Ensaio do coral" in " ".join(erro.value.messages)
    assert not Feira.objects.exists()


def test_usuario_de_consulta_nao_organiza(consulta_smdet, ponto):
    area = EspacoFactory(ponto=ponto, tipo=TipoEspaco.AREA_FEIRA)
    with pytest.raises(PermissionDenied):
        services.feira_criar(por=consulta_smdet, **_dados_feira(ponto, area))


def test_inscricao_recebida_notifica_e_unica(smdet, empreendedor, django_capture_on_commit_callbacks):
    feira, cat = feira_com_bancas(secretaria=smdet)
    with django_capture_on_commit_callbacks(execute=True):
        services.inscricao_criar(feira=feira, empreendedor=empreendedor, categoria=cat, produtos="Cestos")
    assert len(mail.outbox) == 1 and "Recebemos sua inscrição" in mail.outbox[0].subject
    assert Notificacao.objects.filter(usuario=empreendedor.usuario).count() == 1
    with pytest.raises(ValidationError) as erro:
        services.inscricao_criar(feira=feira, empreendedor=empreendedor, categoria=cat, produtos="Cestos")
    assert "já tem uma inscrição" in erro.value.messages[0]


def test_constraint_uma_inscricao_por_pessoa(smdet, empreendedor):
    feira, cat = feira_com_bancas(secretaria=smdet)
    Inscricao.objects.create(feira=feira, empreendedor=empreendedor, categoria=cat, produtos="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Inscricao.objects.create(feira=feira, empreendedor=empreendedor, categoria=cat, produtos="y")


def test_constraints_banca_e_pessoa_unicas_e_cota(smdet):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=2, cota=1)
    a, b = InscricaoFactory(feira=feira, categoria=cat), InscricaoFactory(feira=feira, categoria=cat)
    banca = feira.ponto.layout_bancas.bancas.first()
    Alocacao.objects.create(feira=feira, inscricao=a, empreendedor=a.empreendedor, banca=banca)
    with pytest.raises(IntegrityError), transaction.atomic():
        Alocacao.objects.create(feira=feira, inscricao=b, empreendedor=b.empreendedor, banca=banca)
    with pytest.raises(IntegrityError), transaction.atomic():
        CategoriaFeira.objects.filter(pk=cat.pk).update(aprovadas=2)


def test_janela_fechada_recusa(smdet, empreendedor):
    feira, cat = feira_com_bancas(
        secretaria=smdet,
        inscricoes_abrem=timezone.now() - datetime.timedelta(days=3),
        inscricoes_fecham=timezone.now() - datetime.timedelta(days=1),
    )
    with pytest.raises(services.Inelegivel) as erro:
        services.inscricao_criar(feira=feira, empreendedor=empreendedor, categoria=cat, produtos="x")
    assert "já fecharam" in erro.value.impedimentos[0].texto


def test_alimentos_exige_boas_praticas_e_indica_proxima_turma(smdet, ponto, empreendedor):
    feira, cat = feira_com_bancas(secretaria=smdet, categoria=CategoriaProduto.ALIMENTOS_PRONTOS)
    cat.qualificacoes_exigidas = [TipoQualificacao.BOAS_PRATICAS]
    cat.save()
    inicio = timezone.now() + datetime.timedelta(days=20)

    def fonte(*, inicio, fim, ponto=None):
        return [
            EventoAgenda(
                titulo="Boas Práticas na cozinha",
                inicio=inicio + datetime.timedelta(days=20),
                fim=inicio + datetime.timedelta(days=20, hours=3),
                tipo="curso",
                programa="Formação",
                ponto_id=None,
                ponto_nome="CRESAN Butantã",
                url="/cursos/1/",
                concede=(TipoQualificacao.BOAS_PRATICAS,),
            ),
            EventoAgenda(
                titulo="Show", inicio=inicio, fim=inicio, tipo="apresentacao", programa="Cultura", ponto_id=None
            ),
        ]

    agenda.registrar(fonte, chave="teste-cursos")
    try:
        impedimentos = services.elegibilidade_verificar(feira=feira, categoria=cat, empreendedor=empreendedor)
    finally:
        agenda.remover("teste-cursos")
    assert len(impedimentos) == 1
    assert "Boas Práticas de Manipulação de Alimentos" in impedimentos[0].texto
    assert "Boas Práticas na cozinha" in impedimentos[0].o_que_fazer and "CRESAN Butantã" in impedimentos[0].o_que_fazer
    assert impedimentos[0].link == "/cursos/1/"
    QualificacaoFactory(empreendedor=empreendedor, tipo=TipoQualificacao.BOAS_PRATICAS)
    assert services.elegibilidade_verificar(feira=feira, categoria=cat, empreendedor=empreendedor) == []
    del inicio


def test_requisito_de_perfil(smdet):
    pessoa = EmpreendedorFactory(telefone="")
    feira, cat = feira_com_bancas(secretaria=smdet)
    cat.requisitos_perfil = ["telefone"]
    cat.save()
    [imp] = services.elegibilidade_verificar(feira=feira, categoria=cat, empreendedor=pessoa)
    assert "telefone" in imp.texto and "Complete seu perfil" in imp.o_que_fazer


def test_aprovar_da_banca_e_respeita_cota(smdet, gestor_smdet):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=3, cota=2)
    inscricoes = [InscricaoFactory(feira=feira, categoria=cat) for _ in range(3)]
    feitas, falhas = services.inscricoes_em_lote(acao="aprovar", inscricoes=inscricoes, por=gestor_smdet)
    assert feitas == 2 and len(falhas) == 1 and "Não há banca livre" in falhas[0][1]
    assert Alocacao.objects.filter(feira=feira).count() == 2
    assert CategoriaFeira.objects.get(pk=cat.pk).aprovadas == 2


def test_outra_secretaria_nao_aprova(smdet, gestor_svma):
    feira, cat = feira_com_bancas(secretaria=smdet)
    inscricao = InscricaoFactory(feira=feira, categoria=cat)
    with pytest.raises(PermissionDenied):
        services.inscricao_aprovar(inscricao=inscricao, por=gestor_svma)


def test_recusa_exige_motivo_e_cancelamento_promove_espera(smdet, gestor_smdet, django_capture_on_commit_callbacks):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=1, cota=1)
    primeira, segunda, terceira = (InscricaoFactory(feira=feira, categoria=cat) for _ in range(3))
    services.inscricao_aprovar(inscricao=primeira, por=gestor_smdet)
    services.inscricao_espera(inscricao=segunda, por=gestor_smdet, motivo="Cota cheia")
    with pytest.raises(ValidationError):
        services.inscricao_recusar(inscricao=terceira, por=gestor_smdet, motivo=" ")
    services.inscricao_recusar(inscricao=terceira, por=gestor_smdet, motivo="Produto fora da categoria")
    assert Inscricao.objects.get(pk=terceira.pk).motivo == "Produto fora da categoria"
    with django_capture_on_commit_callbacks(execute=True):
        services.inscricao_cancelar(inscricao=primeira, empreendedor=primeira.empreendedor)
    segunda.refresh_from_db()
    assert segunda.status == StatusInscricao.APROVADA and segunda.alocacao.banca.numero == 1
    assert any("Abriu uma banca" in m.subject for m in mail.outbox)
    assert CategoriaFeira.objects.get(pk=cat.pk).aprovadas == 1


def test_dia_da_feira_ausencia_e_substituicao(smdet, gestor_smdet):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=1, cota=1)
    titular, reserva = InscricaoFactory(feira=feira, categoria=cat), InscricaoFactory(feira=feira, categoria=cat)
    services.inscricao_aprovar(inscricao=titular, por=gestor_smdet)
    services.inscricao_espera(inscricao=reserva, por=gestor_smdet)
    services.ausencia_registrar(inscricao=titular, por=gestor_smdet)
    promovida = services.ausente_substituir(inscricao=titular, por=gestor_smdet)
    assert promovida.pk == reserva.pk
    services.checkin_registrar(inscricao=promovida, por=gestor_smdet)
    assert Inscricao.objects.get(pk=reserva.pk).status == StatusInscricao.PRESENTE
    assert Inscricao.objects.get(pk=titular.pk).status == StatusInscricao.AUSENTE


def test_relato_de_vendas_so_depois_da_feira_e_editavel(smdet, gestor_smdet):
    feira, cat = feira_com_bancas(secretaria=smdet)
    inscricao = InscricaoFactory(feira=feira, categoria=cat)
    services.inscricao_aprovar(inscricao=inscricao, por=gestor_smdet)
    with pytest.raises(ValidationError):
        services.relato_salvar(inscricao=inscricao, empreendedor=inscricao.empreendedor, valor_bruto=100)
    Feira.objects.filter(pk=feira.pk).update(data=timezone.localdate())
    inscricao.refresh_from_db()
    relato = services.relato_salvar(inscricao=inscricao, empreendedor=inscricao.empreendedor, valor_bruto=100, pix=True)
    relato = services.relato_salvar(inscricao=inscricao, empreendedor=inscricao.empreendedor, valor_bruto=150, pix=True)
    assert relato.valor_bruto == 150 and relato.editavel
    with pytest.raises(PermissionDenied):
        services.relato_salvar(inscricao=inscricao, empreendedor=EmpreendedorFactory(), valor_bruto=1)
