"""Duas reconstruções do resumo nunca se somam, mesmo sem a trava do cache (Redis fora)."""

import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from governo import services
from governo.models import AtualizacaoResumo

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_reconstrucao_espera_a_outra_pela_trava_do_banco():
    segurando, soltar, terminou = threading.Event(), threading.Event(), threading.Event()
    erros = []

    def outra_reconstrucao_em_andamento():
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [services.TRAVA_RESUMO_BANCO])
                segurando.set()
                soltar.wait(10)
        finally:
            connection.close()

    def reconstruir():
        try:
            services._reconstruir(hoje=timezone.localdate(), meses=None)
        except Exception as erro:  # noqa: BLE001 — levado à thread principal
            erros.append(erro)
        finally:
            terminou.set()
            connection.close()

    outra = threading.Thread(target=outra_reconstrucao_em_andamento)
    outra.start()
    assert segurando.wait(10)
    nova = threading.Thread(target=reconstruir)
    nova.start()
    assert not terminou.wait(0.5), "a reconstrução não esperou a outra terminar"
    soltar.set()
    outra.join(10)
    assert terminou.wait(30)
    nova.join(10)
    assert not erros
    assert AtualizacaoResumo.objects.count() == 1
