"""Programação: reserva do espaço no núcleo, artista num lugar só, agenda e indicadores."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from cultura import indicadores, services
from cultura.integracoes import agenda_apresentacoes
from cultura.models import Apresentacao
from pontos.extensoes import eventos_agenda
from pontos.models import Reserva, TipoEspaco
from pontos.services.reservas import reserva_criar
from tests.factories import EspacoFactory
from tests.factories.cultura import ArtistaFactory


def _inicio(dias=3, hora=10):
    base = timezone.localtime() + datetime.timedelta(days=dias)
    return base.replace(hour=hora, minute=0, second=0, microsecond=0)


@pytest.mark.django_db
def test_apresentacao_reserva_o_espaco_e_entra_na_agenda(client, artista, palco, gestor_smc):
    apresentacao = services.apresentacao_criar(
        artista=artista, espaco=palco, inicio=_inicio(), duracao_minutos=90, titulo="Forró na feira", por=gestor_smc
    )
    assert apresentacao.fim - apresentacao.inicio == datetime.timedelta(minutes=90)
    assert apresentacao.reserva.espaco == palco and apresentacao.reserva.objeto == apresentacao
    assert apresentacao.secretaria.sigla == "smc"
    eventos = eventos_agenda(inicio=timezone.now(), fim=timezone.now() + datetime.timedelta(days=10), ponto=palco.ponto)
    evento = next(e for e in eventos if e.tipo == "apresentacao")
    assert (evento.programa, evento.ponto_id) == ("Cultura", palco.ponto_id)
    assert "Forró na feira" in client.get(f"/pontos/{palco.ponto.slug}/").content.decode()
    assert "Forró na feira" in client.get("/agenda/").content.decode()


@pytest.mark.django_db
def test_espaco_ocupado_por_outro_programa(artista, palco, gestor_smc, smdet):
    reserva_criar(
        espaco=palco, inicio=_inicio(), fim=_inicio() + datetime.timedelta(hours=2), titulo="Feira", secretaria=smdet
    )
    with pytest.raises(ValidationError) as erro:
        services.apresentacao_criar(
            artista=artista,
            espaco=palco,
            inicio=_inicio() + datetime.timedelta(minutes=30),
            duracao_minutos=30,
            titulo="X",
            por=gestor_smc,
        )
    assert "já está reservado" in str(erro.value)
    assert not Apresentacao.objects.exists()


@pytest.mark.django_db
def test_artista_nao_esta_em_dois_lugares(artista, palco, gestor_smc, casa_cultura):
    outro_palco = EspacoFactory(ponto=casa_cultura, nome="Palco externo", tipo=TipoEspaco.PALCO)
    services.apresentacao_criar(
        artista=artista, espaco=palco, inicio=_inicio(), duracao_minutos=60, titulo="A", por=gestor_smc
    )
    with pytest.raises(ValidationError) as erro:
        services.apresentacao_criar(
            artista=artista,
            espaco=outro_palco,
            inicio=_inicio() + datetime.timedelta(minutes=59),
            duracao_minutos=30,
            titulo="B",
            por=gestor_smc,
        )
    assert "já se apresenta" in str(erro.value)
    # Encostado (fim == início) pode.
    services.apresentacao_criar(
        artista=artista,
        espaco=outro_palco,
        inicio=_inicio() + datetime.timedelta(minutes=60),
        duracao_minutos=30,
        titulo="C",
        por=gestor_smc,
    )
    assert Reserva.objects.filter(cancelada=False).count() == 2


@pytest.mark.django_db
def test_cancelar_libera_espaco_e_artista(artista, palco, gestor_smc, django_capture_on_commit_callbacks):
    from pontos.models import Notificacao

    with django_capture_on_commit_callbacks(execute=True):
        a = services.apresentacao_criar(
            artista=artista, espaco=palco, inicio=_inicio(), duracao_minutos=60, titulo="A", por=gestor_smc
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.apresentacao_cancelar(apresentacao=a, por=gestor_smc)
    titulos = set(Notificacao.objects.filter(usuario=artista.responsavel.usuario).values_list("titulo", flat=True))
    assert titulos == {"Apresentação marcada: A", "Apresentação cancelada: A"}
    services.apresentacao_criar(
        artista=artista, espaco=palco, inicio=_inicio(), duracao_minutos=60, titulo="B", por=gestor_smc
    )
    assert agenda_apresentacoes(inicio=timezone.now(), fim=timezone.now() + datetime.timedelta(days=9))[
        0
    ].titulo.startswith("B")


@pytest.mark.django_db
def test_publico_so_depois_e_indicadores(artista, palco, gestor_smc):
    passado = timezone.now() - datetime.timedelta(days=1)
    a = services.apresentacao_criar(
        artista=artista,
        espaco=palco,
        inicio=passado,
        duracao_minutos=60,
        titulo="A",
        por=gestor_smc,
        cache=Decimal("500"),
    )
    futura = services.apresentacao_criar(
        artista=artista, espaco=palco, inicio=_inicio(), duracao_minutos=60, titulo="B", por=gestor_smc
    )
    with pytest.raises(ValidationError):
        services.apresentacao_publico_registrar(apresentacao=futura, publico=10, por=gestor_smc)
    services.apresentacao_publico_registrar(apresentacao=a, publico=120, por=gestor_smc)
    inicio, fim = (passado - datetime.timedelta(days=40)).date(), (passado + datetime.timedelta(days=40)).date()
    assert sum(v.valor for v in indicadores.apresentacoes(inicio=inicio, fim=fim)) == 2
    assert sum(v.valor for v in indicadores.publico_estimado(inicio=inicio, fim=fim)) == 120
    assert sum(v.valor for v in indicadores.caches_pagos(inicio=inicio, fim=fim)) == Decimal("500")
    assert {v.ponto_id for v in indicadores.artistas_apoiados(inicio=inicio, fim=fim)} == {palco.ponto_id}
    assert indicadores.apresentacoes(inicio=inicio, fim=fim, secretarias=[0]) == []


@pytest.mark.django_db
def test_projeto_etapas_e_ensaio(artista, gestor_smc, smc, casa_cultura):
    from tests.factories.cultura import ProjetoEspetaculoFactory

    sala = EspacoFactory(ponto=casa_cultura, nome="Sala de ensaio")
    projeto = ProjetoEspetaculoFactory(secretaria=smc, artista=artista)
    services.projeto_etapa_avancar(projeto=projeto, por=gestor_smc)
    projeto.refresh_from_db()
    assert projeto.etapa == "pesquisa"
    ensaio = services.ensaio_agendar(
        projeto=projeto, espaco=sala, inicio=_inicio(), fim=_inicio(hora=12), por=gestor_smc
    )
    assert ensaio.reserva.espaco == sala
    with pytest.raises(ValidationError):
        services.ensaio_agendar(
            projeto=projeto, espaco=sala, inicio=_inicio(hora=11), fim=_inicio(hora=13), por=gestor_smc
        )
    assert {
        v.detalhe for v in indicadores.projetos_por_etapa(inicio=timezone.localdate(), fim=timezone.localdate())
    } == {"Pesquisa"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pg_exclusao_artista_no_banco(palco, casa_cultura, smc):
    """Mesmo escrevendo por fora do serviço, o PostgreSQL recusa o artista em dois lugares."""
    assert connection.vendor == "postgresql", "este teste precisa do PostgreSQL"
    artista = ArtistaFactory()
    outro = EspacoFactory(ponto=casa_cultura, nome="Outro palco", tipo=TipoEspaco.PALCO)
    campos = {"secretaria": smc, "artista": artista, "ponto": casa_cultura, "titulo": "x", "duracao_minutos": 60}
    Apresentacao.objects.create(espaco=palco, inicio=_inicio(), fim=_inicio(hora=11), **campos)
    with pytest.raises(IntegrityError), transaction.atomic():
        Apresentacao.objects.create(
            espaco=outro, inicio=_inicio(hora=10) + datetime.timedelta(minutes=30), fim=_inicio(hora=12), **campos
        )
    Apresentacao.objects.create(espaco=outro, inicio=_inicio(hora=10), fim=_inicio(hora=11), cancelada=True, **campos)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pg_concorrencia_marcacoes(casa_cultura, smc, gestor_smc):
    """10 marcações simultâneas do mesmo artista em palcos diferentes e 10 de artistas diferentes
    no mesmo palco: em cada caso, exatamente uma vence. Repetido 3 vezes."""
    assert connection.vendor == "postgresql", "este teste precisa do PostgreSQL"
    palcos = [EspacoFactory(ponto=casa_cultura, nome=f"Palco {i}", tipo=TipoEspaco.PALCO) for i in range(10)]
    for rodada in range(3):
        inicio = _inicio(dias=5 + rodada)
        artista = ArtistaFactory()
        artistas = [ArtistaFactory() for _ in range(10)]
        casos = [
            [(artista, palcos[i]) for i in range(10)],  # mesmo artista, palcos diferentes
            [(artistas[i], palcos[0]) for i in range(10)],  # mesmo palco, artistas diferentes
        ]
        for deslocamento, caso in enumerate(casos):
            comeco = inicio + datetime.timedelta(hours=3 * deslocamento)
            barreira = threading.Barrier(len(caso))
            resultados = []

            def marcar(quem, onde, comeco=comeco, barreira=barreira, resultados=resultados):
                from django.db import connections

                try:
                    barreira.wait()
                    services.apresentacao_criar(
                        artista=quem, espaco=onde, inicio=comeco, duracao_minutos=60, titulo="Corrida", por=gestor_smc
                    )
                    resultados.append("ok")
                except ValidationError:
                    resultados.append("recusada")
                finally:
                    connections.close_all()

            threads = [threading.Thread(target=marcar, args=par) for par in caso]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert resultados.count("ok") == 1, (rodada, deslocamento, resultados)
            assert resultados.count("recusada") == len(caso) - 1
    assert Apresentacao.objects.filter(cancelada=False).count() == 6


@pytest.mark.django_db
def test_chamada_de_espetaculo_gera_projeto_e_estreia(client, smc, gestor_smc, palco):
    from cultura.models import Chamada, EstadoChamada, Finalidade, ProjetoEspetaculo
    from tests.factories.cultura import ChamadaFactory, PropostaFactory

    chamada = ChamadaFactory(secretaria=smc, finalidade=Finalidade.ESPETACULOS, vagas=1)
    chamada.avaliadores.add(gestor_smc)
    vencedora = PropostaFactory(chamada=chamada, titulo="Auto da feira")
    PropostaFactory(chamada=chamada)
    Chamada.objects.filter(pk=chamada.pk).update(
        estado=EstadoChamada.RESULTADO, recurso_ate=timezone.now() - datetime.timedelta(minutes=1)
    )
    from cultura.models import Proposta

    Proposta.objects.filter(pk=vencedora.pk).update(nota=9)
    chamada.refresh_from_db()
    services.resultado_final_publicar(chamada=chamada, por=gestor_smc)
    projeto = ProjetoEspetaculo.objects.get()
    assert (projeto.titulo, projeto.chamada, projeto.artista, projeto.secretaria) == (
        "Auto da feira",
        chamada,
        vencedora.artista,
        smc,
    )
    for _ in range(3):
        services.projeto_etapa_avancar(projeto=projeto, por=gestor_smc)
    with pytest.raises(ValidationError, match="estreia"):
        services.projeto_etapa_avancar(projeto=projeto, por=gestor_smc)
    client.force_login(gestor_smc)
    url = reverse("cultura:gestao_apresentacao_nova") + f"?projeto={projeto.pk}"
    dia = (timezone.localdate() + datetime.timedelta(days=9)).strftime("%d/%m/%Y")
    resposta = client.post(
        url,
        {
            "artista": vencedora.artista_id,
            "espaco": palco.pk,
            "data": dia,
            "hora": "19:00",
            "duracao_minutos": "70",
            "titulo": "Estreia",
        },
    )
    assert resposta.status_code == 302
    projeto.refresh_from_db()
    assert projeto.estreia.titulo == "Estreia" and projeto.estreia.reserva_id
    services.projeto_etapa_avancar(projeto=projeto, por=gestor_smc)
    projeto.refresh_from_db()
    assert projeto.etapa == "estreia"


@pytest.mark.django_db
def test_escolha_de_espacos_segue_pontos_do_vinculo(smc, casa_cultura, palco, ponto_svma):
    from cultura.forms import espacos_para
    from pontos.models import Papel
    from tests.factories import VinculoFactory

    palco_jockey = EspacoFactory(ponto=ponto_svma, nome="Palco do gramado", tipo=TipoEspaco.PALCO)
    livre = VinculoFactory(secretaria=smc, papel=Papel.OPERADOR).usuario
    assert set(espacos_para(livre)) == {palco, palco_jockey}
    restrito = VinculoFactory(secretaria=smc, papel=Papel.OPERADOR)
    restrito.pontos.add(casa_cultura)
    assert list(espacos_para(restrito.usuario)) == [palco]
