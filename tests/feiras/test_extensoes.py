import datetime
import random
import types
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feiras import services, tasks
from feiras.models import Alocacao, Feira, Inscricao, RelatoVendas
from pontos import extensoes
from pontos.models import Notificacao
from tests.factories import EmpreendedorFactory, PontoFactory
from tests.factories.feiras import InscricaoFactory, RelatoVendasFactory, feira_com_bancas

pytestmark = pytest.mark.django_db


def _indicador(chave):
    [indicador] = [i for i in extensoes.indicadores if i.chave == chave]
    return indicador


def test_registros_nas_extensoes():
    assert "feiras" in extensoes.agenda.chaves()
    assert "feiras" in extensoes.minha_conta.chaves()
    assert "feiras" in extensoes.pendencias.chaves()
    assert "feiras" in extensoes.atividades_pessoa.chaves()
    assert "feiras" in extensoes.demonstracao.chaves()
    assert "feiras" in extensoes.geradores_cidade.chaves()
    assert "feiras" in extensoes.menu_publico.chaves()
    assert _indicador("feiras.vendas").sustentabilidade == "receita"
    assert _indicador("feiras.taxas").sustentabilidade == "receita"


def test_agenda_mostra_feiras_publicas(smdet):
    feira, _c = feira_com_bancas(secretaria=smdet)
    cancelada, _c2 = feira_com_bancas(secretaria=smdet)
    Feira.objects.filter(pk=cancelada.pk).update(status="cancelada")
    agora = timezone.now()
    eventos = extensoes.eventos_agenda(inicio=agora, fim=agora + datetime.timedelta(days=30))
    titulos = [e.titulo for e in eventos if e.programa == "Feiras"]
    assert titulos == [feira.titulo]
    assert eventos[0].url == reverse("feiras:feira_publica", kwargs={"pk": feira.pk})
    assert extensoes.eventos_agenda(inicio=agora, fim=agora + datetime.timedelta(days=30), ponto=PontoFactory()) == []


def test_programacao_cultural_vem_da_agenda_de_outros_programas(client, smdet):
    feira, _c = feira_com_bancas(secretaria=smdet)

    def cultura(*, inicio, fim, ponto=None):
        if ponto is not None and ponto.pk != feira.ponto_id:
            return []
        return [
            extensoes.EventoAgenda(
                titulo="Roda de samba",
                inicio=feira.inicio + datetime.timedelta(hours=1),
                fim=feira.inicio + datetime.timedelta(hours=2),
                tipo="apresentacao",
                programa="Cultura",
                ponto_id=feira.ponto_id,
            )
        ]

    extensoes.agenda.registrar(cultura, chave="teste-cultura")
    try:
        texto = client.get(reverse("feiras:feira_publica", kwargs={"pk": feira.pk})).content.decode()
    finally:
        extensoes.agenda.remover("teste-cultura")
    assert "Roda de samba" in texto


def test_secao_minha_conta_e_atividades(smdet):
    pessoa = EmpreendedorFactory()
    feira, cat = feira_com_bancas(secretaria=smdet)
    inscricao = InscricaoFactory(feira=feira, categoria=cat, empreendedor=pessoa)
    services.inscricao_aprovar(inscricao=inscricao, por=None)
    request = RequestFactory().get("/minha-conta/")
    request.user = pessoa.usuario
    secoes = extensoes.secoes_minha_conta(request=request, empreendedor=pessoa)
    [(secao, html)] = [(s, h) for s, h in secoes if s.chave == "feiras"]
    assert feira.titulo in html and "Banca 1" in html
    [atividade] = extensoes.atividades_de(empreendedor=pessoa)
    assert "banca 1" in atividade.descricao and atividade.data == feira.data


def test_pendencias_respeitam_escopo(smdet, svma, gestor_smdet, gestor_svma):
    feira, cat = feira_com_bancas(secretaria=smdet)
    InscricaoFactory(feira=feira, categoria=cat)
    InscricaoFactory(feira=feira, categoria=cat)
    [minha] = [p for p in extensoes.pendencias_de(usuario=gestor_smdet) if "feiras" in p.url]
    assert minha.quantidade == 2
    assert not [p for p in extensoes.pendencias_de(usuario=gestor_svma) if "feiras" in p.url]


def test_indicadores_de_vendas_ocupacao_e_ausencia(smdet, svma):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=4, cota=4)
    hoje = timezone.localdate()
    Feira.objects.filter(pk=feira.pk).update(data=hoje, status="realizada")
    presentes = [InscricaoFactory(feira=feira, categoria=cat, status="presente") for _ in range(3)]
    InscricaoFactory(feira=feira, categoria=cat, status="ausente")
    RelatoVendasFactory(inscricao=presentes[0], valor_bruto=Decimal("100.00"))
    RelatoVendasFactory(inscricao=presentes[1], valor_bruto=Decimal("300.00"))
    outra, cat2 = feira_com_bancas(secretaria=svma)
    Feira.objects.filter(pk=outra.pk).update(data=hoje)
    RelatoVendasFactory(inscricao=InscricaoFactory(feira=outra, categoria=cat2, status="presente"), valor_bruto=50)
    args = {"inicio": hoje - datetime.timedelta(days=1), "fim": hoje}
    mes = hoje.replace(day=1)
    vendas = {v.secretaria_id: v for v in _indicador("feiras.vendas").fn(**args)}
    assert vendas[smdet.pk].valor == Decimal("400.00") and vendas[smdet.pk].mes == mes
    assert vendas[smdet.pk].ponto_id == feira.ponto_id
    [so_smdet] = _indicador("feiras.vendas").fn(**args, secretarias=[smdet.pk])
    assert so_smdet.valor == Decimal("400.00")
    [por_pessoa] = _indicador("feiras.vendas_por_pessoa").fn(**args, secretarias=[smdet.pk])
    assert por_pessoa.valor == Decimal("200.00")
    [categoria] = _indicador("feiras.vendas_por_categoria").fn(**args, secretarias=[smdet.pk])
    assert categoria.detalhe == "Artesanato"
    [ocupacao] = _indicador("feiras.taxa_ocupacao").fn(**args, secretarias=[smdet.pk])
    assert ocupacao.valor == Decimal("75.0")
    [ausencia] = _indicador("feiras.taxa_ausencia").fn(**args, secretarias=[smdet.pk])
    assert ausencia.valor == Decimal("25.0")
    [realizadas] = _indicador("feiras.realizadas").fn(**args, secretarias=[smdet.pk])
    assert realizadas.valor == 1
    [distintos] = _indicador("feiras.empreendedores").fn(**args, secretarias=[smdet.pk])
    assert distintos.valor == 3


def test_estreantes_e_taxas(smdet):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=3, cota=3)
    cat.isenta, cat.taxa = False, Decimal("15.00")
    cat.save()
    hoje = timezone.localdate()
    Feira.objects.filter(pk=feira.pk).update(data=hoje)
    for _ in range(2):
        services.inscricao_aprovar(inscricao=InscricaoFactory(feira=feira, categoria=cat), por=None)
    args = {"inicio": hoje - datetime.timedelta(days=1), "fim": hoje}
    [estreantes] = _indicador("feiras.estreantes").fn(**args)
    assert estreantes.valor == 2
    [taxas] = _indicador("feiras.taxas").fn(**args)
    assert taxas.valor == Decimal("30.00")


def test_notificacoes_de_feira_e_beat(smdet, gestor_smdet, django_capture_on_commit_callbacks):
    feira, cat = feira_com_bancas(secretaria=smdet)
    inscricao = InscricaoFactory(feira=feira, categoria=cat)
    services.inscricao_aprovar(inscricao=inscricao, por=gestor_smdet)
    mail.outbox.clear()
    Feira.objects.filter(pk=feira.pk).update(data=timezone.localdate() + datetime.timedelta(days=1))
    tasks.lembrar_vespera()
    tasks.lembrar_vespera()  # idempotente
    assert len(mail.outbox) == 1 and "Amanhã tem feira" in mail.outbox[0].subject and "número 1" in mail.outbox[0].body
    feira.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.feira_alterar(feira=feira, por=gestor_smdet, hora_inicio=datetime.time(8))
    assert any("mudou" in m.subject for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        services.feira_cancelar(feira=feira, por=gestor_smdet, motivo="Chuva forte")
    assert any("cancelada" in m.subject for m in mail.outbox)
    assert Feira.objects.get(pk=feira.pk).cancelada
    titulos = list(Notificacao.objects.filter(usuario=inscricao.empreendedor.usuario).values_list("titulo", flat=True))
    assert len(titulos) == 3  # lembrete, alterada, cancelada (a aprovação não rodou o on_commit)


def test_beat_aloca_janelas_fechadas_e_pede_relato(smdet, django_capture_on_commit_callbacks):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=1, cota=1)
    inscricoes = [InscricaoFactory(feira=feira, categoria=cat) for _ in range(2)]
    assert tasks.alocar_fechadas() == 0
    Feira.objects.filter(pk=feira.pk).update(
        inscricoes_abrem=timezone.now() - datetime.timedelta(days=3),
        inscricoes_fecham=timezone.now() - datetime.timedelta(minutes=1),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.alocar_fechadas() == 1
    assert Alocacao.objects.filter(feira=feira).count() == 1
    assunto = sorted(m.subject for m in mail.outbox)
    assert any("aprovada" in a for a in assunto) and any("lista de espera" in a for a in assunto)
    Feira.objects.filter(pk=feira.pk).update(data=timezone.localdate())
    mail.outbox.clear()
    tasks.pedir_relatos()
    assert Feira.objects.get(pk=feira.pk).status == "realizada"
    assert len(mail.outbox) == 1 and "quanto você vendeu" in mail.outbox[0].subject
    del inscricoes


def test_gestao_lista_sem_n_mais_1(client, gestor_smdet, smdet):
    feira, cat = feira_com_bancas(secretaria=smdet)
    client.force_login(gestor_smdet)
    url = reverse("gestao:feiras_inscricao_changelist")
    InscricaoFactory(feira=feira, categoria=cat)
    with CaptureQueriesContext(connection) as um:
        assert client.get(url).status_code == 200
    for _ in range(6):
        InscricaoFactory(feira=feira, categoria=cat)
    with CaptureQueriesContext(connection) as muitos:
        client.get(url)
    assert len(muitos) == len(um)
    for nome in ["feiras_feira", "feiras_alocacao", "feiras_relatovendas", "feiras_banca", "feiras_categoriafeira"]:
        assert client.get(reverse(f"gestao:{nome}_changelist")).status_code == 200


def test_demo_idempotente():
    from pontos.demo import demo_carregar

    demo_carregar()
    contagem = (Feira.objects.count(), Inscricao.objects.count(), RelatoVendas.objects.count())
    demo_carregar()
    assert (Feira.objects.count(), Inscricao.objects.count(), RelatoVendas.objects.count()) == contagem
    titulos = set(Feira.objects.values_list("ponto__slug", flat=True))
    assert {"casa-de-cultura-butanta", "parque-do-jockey"} <= titulos
    abertas = [f for f in Feira.objects.all() if f.inscricoes_abertas]
    assert len(abertas) == 2
    alimentos = abertas[0].categorias.get(categoria="alimentos_prontos")
    assert alimentos.qualificacoes_exigidas == ["boas_praticas_alimentos"]


def test_gerador_da_cidade(smdet, territorio):
    pontos = [PontoFactory(secretaria=smdet, territorio=territorio).pk for _ in range(2)]
    pessoas = [EmpreendedorFactory(territorio=territorio).pk for _ in range(25)]
    hoje = timezone.localdate()
    mensagens = []
    contexto = types.SimpleNamespace(
        aleatorio=random.Random(7),
        escala="bairro",
        pontos=pontos,
        empreendedores=pessoas,
        secretarias={"smdet": smdet.pk},
        inicio=hoje - datetime.timedelta(days=60),
        fim=hoje + datetime.timedelta(days=20),
        log=mensagens.append,
    )
    extensoes.geradores_cidade._itens["feiras"](contexto=contexto)
    assert Feira.objects.count() >= 8 and Inscricao.objects.count() > 50
    assert RelatoVendas.objects.exists() and "feiras:" in mensagens[0]
    # invariantes valem também nos dados gerados
    for feira in Feira.objects.all():
        alocacoes = Alocacao.objects.filter(feira=feira)
        assert alocacoes.values("banca").distinct().count() == alocacoes.count()
