"""Serviço de reservas: conflito com mensagem clara; no PostgreSQL, exclusão no banco e corrida."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from pontos.models import Reserva
from pontos.services.reservas import (
    ConflitoReserva,
    reserva_alterar,
    reserva_cancelar,
    reserva_criar,
    reservas_cancelar_do_objeto,
    reservas_do_objeto,
)
from tests.factories import EspacoFactory, PontoFactory

pytestmark = pytest.mark.django_db


def _horario(dia=3, hora=14, duracao=2):
    inicio = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=dia), datetime.time(hora))
    )
    return inicio, inicio + datetime.timedelta(hours=duracao)


def test_reserva_criada_e_conflito_com_mensagem(espaco, smdet, svma):
    inicio, fim = _horario()
    reserva_criar(espaco=espaco, inicio=inicio, fim=fim, titulo="Turma de Boas Práticas", secretaria=smdet)
    with pytest.raises(ConflitoReserva) as erro:
        reserva_criar(
            espaco=espaco,
            inicio=inicio + datetime.timedelta(hours=1),
            fim=fim + datetime.timedelta(hours=1),
            titulo="Ensaio",
            secretaria=svma,
        )
    mensagem = erro.value.messages[0]
    assert "Sala de oficinas" in mensagem
    assert "Turma de Boas Práticas" in mensagem
    assert "SMDET" in mensagem
    assert inicio.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y %H:%M") in mensagem
    assert Reserva.objects.count() == 1


def test_horarios_encostados_nao_conflitam(espaco, smdet):
    inicio, fim = _horario()
    reserva_criar(espaco=espaco, inicio=inicio, fim=fim, titulo="Manhã", secretaria=smdet)
    reserva_criar(espaco=espaco, inicio=fim, fim=fim + datetime.timedelta(hours=1), titulo="Tarde", secretaria=smdet)
    assert Reserva.objects.count() == 2


def test_outro_espaco_do_mesmo_ponto_nao_conflita(espaco, smdet):
    inicio, fim = _horario()
    outro = EspacoFactory(ponto=espaco.ponto, nome="Palco")
    reserva_criar(espaco=espaco, inicio=inicio, fim=fim, titulo="A", secretaria=smdet)
    reserva_criar(espaco=outro, inicio=inicio, fim=fim, titulo="B", secretaria=smdet)
    assert Reserva.objects.count() == 2


def test_fim_antes_do_inicio_recusado(espaco, smdet):
    inicio, fim = _horario()
    with pytest.raises(ValidationError, match="fim precisa ser depois"):
        reserva_criar(espaco=espaco, inicio=fim, fim=inicio, titulo="X", secretaria=smdet)
    assert not Reserva.objects.exists()


def test_cancelada_libera_o_horario(espaco, smdet):
    inicio, fim = _horario()
    primeira = reserva_criar(espaco=espaco, inicio=inicio, fim=fim, titulo="A", secretaria=smdet)
    reserva_cancelar(reserva=primeira)
    segunda = reserva_criar(espaco=espaco, inicio=inicio, fim=fim, titulo="B", secretaria=smdet)
    assert segunda.pk != primeira.pk


def test_alterar_confere_conflito(espaco, smdet):
    inicio, fim = _horario()
    a = reserva_criar(espaco=espaco, inicio=inicio, fim=fim, titulo="A", secretaria=smdet)
    b = reserva_criar(espaco=espaco, inicio=fim, fim=fim + datetime.timedelta(hours=2), titulo="B", secretaria=smdet)
    with pytest.raises(ConflitoReserva, match="“A”"):
        reserva_alterar(reserva=b, inicio=inicio + datetime.timedelta(minutes=30), fim=fim)
    b.refresh_from_db()
    assert b.inicio == fim
    reserva_alterar(reserva=a, inicio=inicio - datetime.timedelta(hours=1), fim=fim)
    a.refresh_from_db()
    assert a.inicio == inicio - datetime.timedelta(hours=1)


def test_reservas_do_objeto(espaco, smdet):
    ponto_dono = PontoFactory()
    inicio, fim = _horario()
    reserva_criar(espaco=espaco, inicio=inicio, fim=fim, titulo="Feira", secretaria=smdet, objeto=ponto_dono)
    assert reservas_do_objeto(ponto_dono).count() == 1
    reservas_cancelar_do_objeto(ponto_dono)
    assert not Reserva.objects.ativas().exists()


def _exige_postgres():
    assert connection.vendor == "postgresql", "Este teste precisa de PostgreSQL (DATABASE_URL)."


@pytest.mark.postgres
def test_postgres_restricao_de_exclusao_impede_sobreposicao_fora_do_servico(espaco, smdet):
    _exige_postgres()
    inicio, fim = _horario()
    Reserva.objects.create(espaco=espaco, inicio=inicio, fim=fim, titulo="A", secretaria=smdet)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reserva.objects.create(
            espaco=espaco, inicio=inicio + datetime.timedelta(minutes=30), fim=fim, titulo="B", secretaria=smdet
        )
    # Cancelada não conta: a restrição é parcial (WHERE NOT cancelada).
    Reserva.objects.filter(titulo="A").update(cancelada=True)
    Reserva.objects.create(espaco=espaco, inicio=inicio, fim=fim, titulo="C", secretaria=smdet)
    assert Reserva.objects.ativas().count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_corrida_de_reservas_so_uma_vence():
    _exige_postgres()
    espaco = EspacoFactory()
    secretaria = espaco.ponto.secretaria
    inicio, fim = _horario()
    participantes = 12
    largada = threading.Barrier(participantes)
    resultados = []

    def tentar(indice):
        try:
            largada.wait()
            reserva_criar(
                espaco=espaco,
                inicio=inicio + datetime.timedelta(minutes=indice),
                fim=fim,
                titulo=f"Tentativa {indice}",
                secretaria=secretaria,
            )
            resultados.append("ok")
        except ConflitoReserva:
            resultados.append("conflito")
        except Exception as erro:  # qualquer outro erro é falha do teste
            resultados.append(repr(erro))
        finally:
            connections.close_all()

    linhas = [threading.Thread(target=tentar, args=(i,)) for i in range(participantes)]
    for linha in linhas:
        linha.start()
    for linha in linhas:
        linha.join()
    assert sorted(set(resultados)) == ["conflito", "ok"], resultados
    assert resultados.count("ok") == 1
    assert Reserva.objects.ativas().filter(espaco=espaco).count() == 1
