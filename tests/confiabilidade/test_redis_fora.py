"""Redis (broker) fora: os formulários respondem rápido, o trabalho espera na caixa de saída
e roda uma vez cada quando o broker volta — com um worker Celery de verdade."""

import socket
import time
import uuid

import pytest
from celery import current_app
from django.core.cache import cache
from django.urls import reverse

from pontos.models import TarefaPendente
from pontos.services.tarefas import saida_despachar, tarefa_enfileirar
from tests.hostil.registro import formularios_que_enfileiram
from tests.worker import esperar

pytestmark = [pytest.mark.worker, pytest.mark.postgres]


def _porta_fechada():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # ninguém escuta depois que o socket fecha


def _apontar_broker(url):
    current_app._pool = None
    current_app.amqp._producer_pool = None
    current_app.conf.broker_url = url
    current_app.conf.broker_write_url = None


@pytest.fixture
def broker_fechado(settings):
    original = current_app.conf.broker_url
    _apontar_broker(f"redis://127.0.0.1:{_porta_fechada()}/0")
    yield
    _apontar_broker(original)


def test_worker_executa_uma_tarefa_real(worker_celery):
    chave = f"real-{uuid.uuid4().hex}"
    tarefa_enfileirar("pontos.sonda", chave=chave)
    assert esperar(lambda: cache.get(f"sonda:{chave}") == 1), worker_celery.saida()[-3000:]
    assert TarefaPendente.objects.get(argumentos__chave=chave).enviada_em is not None


@pytest.mark.urls("tests.confiabilidade.urls_sonda")
def test_broker_fora_formularios_rapidos_e_nada_se_perde(client, worker_celery, broker_fechado, settings):
    chaves = [f"fora-{uuid.uuid4().hex[:8]}-{i}" for i in range(5)]
    for chave in chaves:
        inicio = time.monotonic()
        resposta = client.post(reverse("sonda_enviar"), {"chave": chave})
        gasto = time.monotonic() - inicio
        assert resposta.status_code == 200
        assert gasto < 2.0, f"o formulário levou {gasto:.2f} s com o Redis fora"

    # formulários reais registrados pelos apps que enfileiram trabalho
    for formulario in formularios_que_enfileiram():
        resposta, gasto = formulario.enviar(client)
        assert resposta.status_code < 500
        assert gasto < 2.0, f"{formulario.nome} levou {gasto:.2f} s com o Redis fora"

    pendentes = TarefaPendente.objects.filter(enviada_em__isnull=True)
    assert pendentes.filter(tarefa="pontos.sonda").count() == len(chaves)
    assert all(p.tentativas >= 1 for p in pendentes)
    time.sleep(1)
    assert all(cache.get(f"sonda:{c}") is None for c in chaves), "nada roda com o broker fora"

    # o broker volta: o despacho periódico entrega tudo, e cada tarefa roda uma vez
    _apontar_broker(settings.CELERY_BROKER_URL)
    assert saida_despachar(ignorar_espera=True) >= len(chaves)
    assert esperar(lambda: all(cache.get(f"sonda:{c}") == 1 for c in chaves)), worker_celery.saida()[-3000:]
    assert not TarefaPendente.objects.filter(enviada_em__isnull=True).exists()
    assert saida_despachar(ignorar_espera=True) == 0
    time.sleep(1.5)
    assert [cache.get(f"sonda:{c}") for c in chaves] == [1] * len(chaves)
