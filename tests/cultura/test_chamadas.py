"""Fluxo da chamada: rascunho → envio → avaliação cega → ranking → resultado → recurso → final."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cultura import selectors, services
from cultura.models import Chamada, EstadoChamada, EstadoProposta
from pontos.models import Notificacao
from tests.factories import EmpreendedorFactory
from tests.factories.cultura import ArtistaFactory, DocumentoExigidoFactory, PropostaFactory, pdf_enviado


def _encerrar(chamada, gestor):
    Chamada.objects.filter(pk=chamada.pk).update(encerramento=timezone.now() - datetime.timedelta(minutes=1))
    chamada.refresh_from_db()
    services.chamada_encerrar_inscricoes(chamada=chamada, por=gestor)
    chamada.refresh_from_db()


def _notas(chamada, valores):
    return {c.pk: (Decimal(v), "ok") for c, v in zip(chamada.criterios.all(), valores, strict=True)}


@pytest.mark.django_db
def test_rascunho_documentos_e_envio(chamada, artista, django_capture_on_commit_callbacks):
    pessoa = artista.responsavel
    exigido = DocumentoExigidoFactory(chamada=chamada, nome="Portfólio")
    proposta = services.proposta_salvar(chamada=chamada, artista=artista, titulo="Forró", resumo="Show", pessoa=pessoa)
    assert proposta.estado == EstadoProposta.RASCUNHO
    with pytest.raises(ValidationError, match="Portfólio"):
        services.proposta_enviar(proposta=proposta, pessoa=pessoa)
    services.proposta_documento_enviar(proposta=proposta, exigido=exigido, arquivo=pdf_enviado(), pessoa=pessoa)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposta_enviar(proposta=proposta, pessoa=pessoa)
    proposta.refresh_from_db()
    assert proposta.estado == EstadoProposta.ENVIADA and proposta.enviada_em
    assert Notificacao.objects.filter(usuario=pessoa.usuario, titulo__startswith="Proposta enviada").exists()
    assert mail.outbox and "Proposta enviada" in mail.outbox[0].subject
    with pytest.raises(ValidationError):
        services.proposta_salvar(
            chamada=chamada, artista=artista, titulo="x", resumo="y", pessoa=pessoa, proposta=proposta
        )


@pytest.mark.django_db
def test_nao_envia_depois_do_prazo_nem_proposta_alheia(chamada, artista):
    pessoa = artista.responsavel
    proposta = services.proposta_salvar(chamada=chamada, artista=artista, titulo="A", resumo="B", pessoa=pessoa)
    with pytest.raises(PermissionDenied):
        services.proposta_enviar(proposta=proposta, pessoa=EmpreendedorFactory())
    Chamada.objects.filter(pk=chamada.pk).update(encerramento=timezone.now() - datetime.timedelta(seconds=1))
    proposta.refresh_from_db()
    with pytest.raises(ValidationError, match="prazo"):
        services.proposta_enviar(proposta=proposta, pessoa=pessoa)


@pytest.mark.django_db
def test_avaliacao_cega(client, chamada, gestor_smc, avaliador_smc):
    proposta = PropostaFactory(chamada=chamada)
    _encerrar(chamada, gestor_smc)
    services.avaliacao_salvar(
        proposta=proposta, avaliador=avaliador_smc, notas=_notas(chamada, ["9", "8"]), concluir=True
    )
    # O gestor ainda não concluiu: não vê a nota do outro avaliador, nem na tela.
    minha, outras = selectors.avaliacoes_visiveis(proposta=proposta, usuario=gestor_smc)
    assert minha is None and outras == []
    client.force_login(gestor_smc)
    url = reverse("cultura:gestao_proposta", kwargs={"pk": proposta.pk})
    pagina = client.get(url).content.decode()
    assert "avaliacoes-ocultas" in pagina and str(avaliador_smc) not in pagina
    # Rascunho de notas também não revela.
    services.avaliacao_salvar(proposta=proposta, avaliador=gestor_smc, notas=_notas(chamada, ["5", "5"]))
    assert selectors.avaliacoes_visiveis(proposta=proposta, usuario=gestor_smc)[1] == []
    resposta = client.post(url, {f"nota_{c.pk}": "6" for c in chamada.criterios.all()} | {"concluir": "1"})
    assert resposta.status_code == 302
    pagina = client.get(url).content.decode()
    assert "avaliacao-outra" in pagina and str(avaliador_smc) in pagina
    # Ranking parcial também é cego: aparece para quem já concluiu todas as suas avaliações.
    tela = reverse("cultura:gestao_chamada", kwargs={"pk": chamada.pk})
    assert "Ranking parcial" in client.get(tela).content.decode()
    segunda = PropostaFactory(chamada=chamada)
    assert segunda.pk and "Ranking parcial" not in client.get(tela).content.decode()
    with pytest.raises(ValidationError, match="já concluiu"):
        services.avaliacao_salvar(proposta=proposta, avaliador=gestor_smc, notas=_notas(chamada, ["1", "1"]))


@pytest.mark.django_db
def test_avaliacao_exige_avaliador_e_nota_no_limite(chamada, gestor_smc, gestor_svma):
    proposta = PropostaFactory(chamada=chamada)
    _encerrar(chamada, gestor_smc)
    with pytest.raises(PermissionDenied):
        services.avaliacao_salvar(proposta=proposta, avaliador=gestor_svma, notas=_notas(chamada, ["1", "1"]))
    with pytest.raises(ValidationError) as erro:
        services.avaliacao_salvar(proposta=proposta, avaliador=gestor_smc, notas=_notas(chamada, ["11", "1"]))
    assert "entre 0 e 10" in str(erro.value)
    with pytest.raises(ValidationError, match="concluir"):
        notas = _notas(chamada, ["1", "1"])
        notas[next(iter(notas))] = (None, "")
        services.avaliacao_salvar(proposta=proposta, avaliador=gestor_smc, notas=notas, concluir=True)


@pytest.mark.django_db
def test_ranking_ponderado_e_desempate(chamada, gestor_smc, avaliador_smc):
    agora = timezone.now()
    a = PropostaFactory(chamada=chamada, enviada_em=agora - datetime.timedelta(hours=2))
    b = PropostaFactory(chamada=chamada, enviada_em=agora - datetime.timedelta(hours=1))
    c = PropostaFactory(chamada=chamada, enviada_em=agora - datetime.timedelta(hours=3))
    _encerrar(chamada, gestor_smc)
    # pesos 2 e 1: (10*2 + 4*1)/3 = 8; (6*2+9)/3 = 7; c: 7 e 9 -> (8 + 7)/2... abaixo
    services.avaliacao_salvar(proposta=a, avaliador=gestor_smc, notas=_notas(chamada, ["10", "4"]), concluir=True)
    services.avaliacao_salvar(proposta=b, avaliador=gestor_smc, notas=_notas(chamada, ["10", "4"]), concluir=True)
    services.avaliacao_salvar(proposta=c, avaliador=gestor_smc, notas=_notas(chamada, ["9", "9"]), concluir=True)
    services.avaliacao_salvar(proposta=c, avaliador=avaliador_smc, notas=_notas(chamada, ["6", "9"]), concluir=True)
    linhas = selectors.ranking_calcular(chamada=chamada)
    assert [(linha.proposta.pk, linha.nota) for linha in linhas] == [
        (c.pk, Decimal("8.000")),  # média de 9 e 7, enviada antes das outras
        (a.pk, Decimal("8.000")),  # empate com b: a enviou antes
        (b.pk, Decimal("8.000")),
    ]


@pytest.mark.django_db
def test_resultado_recurso_e_final(client, chamada, gestor_smc, avaliador_smc, monkeypatch):
    # As tarefas vão para a caixa de saída e rodam após o commit; aqui, na hora.
    monkeypatch.setattr("pontos.services.tarefas.transaction.on_commit", lambda fn, **kw: fn())
    primeira = PropostaFactory(chamada=chamada)
    segunda = PropostaFactory(chamada=chamada)
    _encerrar(chamada, gestor_smc)
    with pytest.raises(ValidationError, match="sem nenhuma avaliação"):
        services.resultado_publicar(chamada=chamada, por=gestor_smc)
    services.avaliacao_salvar(proposta=primeira, avaliador=gestor_smc, notas=_notas(chamada, ["9", "9"]), concluir=True)
    services.avaliacao_salvar(proposta=segunda, avaliador=gestor_smc, notas=_notas(chamada, ["5", "5"]), concluir=True)
    services.resultado_publicar(chamada=chamada, por=gestor_smc)
    chamada.refresh_from_db()
    primeira.refresh_from_db()
    segunda.refresh_from_db()
    assert chamada.estado == EstadoChamada.RESULTADO and chamada.recurso_aberto
    assert (primeira.estado, primeira.posicao) == (EstadoProposta.SELECIONADA, 1)
    assert (segunda.estado, segunda.posicao) == (EstadoProposta.NAO_SELECIONADA, 2)
    pagina = client.get(chamada.get_absolute_url()).content.decode()
    assert "Resultado preliminar" in pagina and segunda.titulo in pagina

    pessoa = segunda.artista.responsavel
    with pytest.raises(ValidationError):
        services.recurso_criar(proposta=segunda, texto="curto", pessoa=pessoa)
    recurso = services.recurso_criar(
        proposta=segunda, texto="A nota de território ignora nosso trabalho.", pessoa=pessoa
    )
    with pytest.raises(ValidationError, match="já enviou"):
        services.recurso_criar(proposta=segunda, texto="De novo, outro recurso igual ao anterior.", pessoa=pessoa)
    with pytest.raises(ValidationError, match="prazo de recurso"):
        Chamada.objects.filter(pk=chamada.pk).update(recurso_ate=timezone.now() - datetime.timedelta(minutes=1))
        chamada.refresh_from_db()
        services.recurso_criar(
            proposta=primeira, texto="Texto longo o bastante para valer.", pessoa=primeira.artista.responsavel
        )
    with pytest.raises(ValidationError, match="pendente"):
        services.resultado_final_publicar(chamada=chamada, por=gestor_smc)
    services.recurso_responder(
        recurso=recurso, decisao="deferido", resposta="Nota revista.", nota_revista=Decimal("9.5"), por=gestor_smc
    )
    services.resultado_final_publicar(chamada=chamada, por=gestor_smc)
    chamada.refresh_from_db()
    segunda.refresh_from_db()
    assert chamada.estado == EstadoChamada.FINAL
    assert (segunda.estado, segunda.posicao, segunda.nota) == (EstadoProposta.SELECIONADA, 1, Decimal("9.500"))
    titulos = set(Notificacao.objects.filter(usuario=pessoa.usuario).values_list("titulo", flat=True))
    assert {t.split(":")[0] for t in titulos} >= {
        "Proposta em avaliação",
        "Resultado preliminar",
        "Recurso recebido",
        "Recurso respondido",
        "Resultado final",
    }


@pytest.mark.django_db
def test_notificacao_idempotente(chamada):
    from cultura.tasks import proposta_notificar

    proposta = PropostaFactory(chamada=chamada)
    assert proposta_notificar(proposta.pk, "enviada") is True
    assert proposta_notificar(proposta.pk, "enviada") is False
    assert Notificacao.objects.filter(usuario=proposta.artista.responsavel.usuario).count() == 1


@pytest.mark.django_db
def test_governo_e_outra_secretaria_nao_mudam_fase(chamada, usuario_governo, gestor_svma):
    for usuario in (usuario_governo, gestor_svma):
        with pytest.raises(PermissionDenied):
            services.chamada_encerrar_inscricoes(chamada=chamada, por=usuario)


@pytest.mark.django_db
def test_tarefa_encerra_chamadas_vencidas(chamada, django_capture_on_commit_callbacks):
    PropostaFactory(chamada=chamada)
    rascunho = PropostaFactory(chamada=chamada, estado=EstadoProposta.RASCUNHO, enviada_em=None)
    assert services.chamadas_encerrar_vencidas() == 0
    Chamada.objects.filter(pk=chamada.pk).update(encerramento=timezone.now() - datetime.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.chamadas_encerrar_vencidas() == 1
    assert services.chamadas_encerrar_vencidas() == 0
    chamada.refresh_from_db()
    assert chamada.estado == EstadoChamada.AVALIACAO
    assert Notificacao.objects.filter(
        usuario=rascunho.artista.responsavel.usuario, titulo__contains="não foi enviada"
    ).exists()


@pytest.mark.django_db
def test_publicar_exige_criterio(smc, gestor_smc):
    from tests.factories.cultura import ChamadaFactory

    chamada = ChamadaFactory(secretaria=smc, estado=EstadoChamada.RASCUNHO, criterios=False)
    with pytest.raises(ValidationError, match="critério"):
        services.chamada_publicar(chamada=chamada, por=gestor_smc)
    ArtistaFactory()  # nada mais a conferir: a chamada continua rascunho
    chamada.refresh_from_db()
    assert chamada.estado == EstadoChamada.RASCUNHO
