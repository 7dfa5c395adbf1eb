"""O Redis inteiro fora (cache e broker), não só o broker: o portal segue no ar.

Cada teste sobe um ``redis-server`` próprio numa porta livre e o derruba (SIGKILL) ou o trava
(SIGSTOP, o processo vivo e mudo, como numa rede partida): páginas, login e formulários
respondem em menos de 2 s, e o que mudou durante a queda (um logout) não volta do cache
quando ele volta.
"""

import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from celery import current_app
from django.core.cache import cache
from django.urls import reverse

from tests.factories import EmpreendedorFactory, TerritorioFactory, UsuarioFactory
from tests.hostil.registro import formularios_que_enfileiram

PAUSA = 0.2
PAGINAS_PUBLICAS = ["/", "/agenda/", "/pontos/", "/vitrine/", "/vitrine/?q=maria", "/feiras/", "/cursos/"]


def _porta_livre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_proprio():
    binario = shutil.which("redis-server")
    assert binario, "redis-server ausente: instale o pacote redis-server"
    porta = _porta_livre()
    processo = subprocess.Popen(  # noqa: S603 — binário e argumentos fixos
        [binario, "--port", str(porta), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    cliente = redis.Redis(port=porta)
    limite = time.monotonic() + 10
    while True:
        try:
            cliente.ping()
            break
        except redis.ConnectionError:
            assert time.monotonic() < limite, "o redis-server do teste não subiu"
            time.sleep(0.05)
    processo.porta = porta
    processo.cliente = cliente
    yield processo
    if processo.poll() is None:
        processo.send_signal(signal.SIGCONT)
        processo.kill()
    processo.wait(timeout=10)


def _apontar_broker(url):
    current_app._pool = None
    current_app.amqp._producer_pool = None
    current_app.conf.broker_url = url
    current_app.conf.broker_write_url = None


@pytest.fixture
def portal_no_redis_proprio(settings, redis_proprio):
    """Cache e broker no Redis do teste, com o cache público e o de vínculos ligados."""
    url = f"redis://127.0.0.1:{redis_proprio.porta}/0"
    settings.CACHES = {"default": {"BACKEND": "config.cache.CacheRedis", "LOCATION": url, "OPTIONS": {"pausa": PAUSA}}}
    settings.CACHE_PUBLICO_SEGUNDOS = 60
    settings.VINCULOS_CACHE_SEGUNDOS = 300
    original = current_app.conf.broker_url
    _apontar_broker(url)
    yield redis_proprio
    _apontar_broker(original)


def _rapido(client, metodo, url, dados=None):
    inicio = time.monotonic()
    resposta = getattr(client, metodo)(url, dados or {})
    gasto = time.monotonic() - inicio
    assert resposta.status_code < 500, f"{metodo.upper()} {url}: {resposta.status_code}"
    assert gasto < 2.0, f"{metodo.upper()} {url} levou {gasto:.2f} s com o Redis fora"
    return resposta


@pytest.mark.django_db(transaction=True)
def test_redis_derrubado_paginas_login_e_formularios_respondem(client, portal_no_redis_proprio, operador_smdet):
    for pagina in PAGINAS_PUBLICAS:  # com o Redis de pé, as páginas entram no cache
        assert client.get(pagina).status_code == 200
    assert portal_no_redis_proprio.cliente.dbsize() > 0

    portal_no_redis_proprio.kill()
    portal_no_redis_proprio.wait(timeout=10)

    for pagina in PAGINAS_PUBLICAS:
        assert _rapido(client, "get", pagina).status_code == 200

    # login pelo formulário (limites de tentativa do allauth no cache), Minha conta, logout
    usuario = UsuarioFactory()
    EmpreendedorFactory(usuario=usuario, territorio=TerritorioFactory())
    resposta = _rapido(
        client, "post", reverse("account_login"), {"login": usuario.email, "password": "senha-segura-123"}
    )
    assert resposta.status_code == 302
    assert _rapido(client, "get", reverse("pontos:minha_conta")).status_code == 200
    _rapido(client, "post", reverse("account_logout"))
    assert client.get(reverse("pontos:minha_conta")).status_code == 302

    # a equipe na Gestão (vínculos no cache)
    client.force_login(operador_smdet)
    assert _rapido(client, "get", reverse("gestao:index")).status_code == 200
    assert _rapido(client, "get", reverse("gestao:feiras_inscricao_changelist")).status_code == 200
    client.logout()

    # os formulários que enfileiram trabalho
    for formulario in formularios_que_enfileiram():
        resposta, gasto = formulario.enviar(client)
        assert resposta.status_code < 500, formulario.nome
        assert gasto < 2.0, f"{formulario.nome} levou {gasto:.2f} s com o Redis fora"


@pytest.mark.django_db(transaction=True)
def test_redis_travado_cache_vazio_e_chaves_da_queda_apagadas_na_volta(portal_no_redis_proprio):
    cache.set("fica", "ainda vale")
    cache.set("muda", "valor velho")
    cache.set("some", "valor velho")
    portal_no_redis_proprio.send_signal(signal.SIGSTOP)

    inicio = time.monotonic()
    cache.set("muda", "valor novo")  # espera o socket_timeout uma vez…
    assert time.monotonic() - inicio < 1.5
    inicio = time.monotonic()
    assert cache.get("fica") is None  # …e depois não espera mais: o cache vale como vazio
    cache.delete("some")
    assert cache.add("trava", 1) is True
    with pytest.raises(ValueError):
        cache.incr("contador")
    assert cache.get_or_set("calculado", lambda: 42) == 42
    assert time.monotonic() - inicio < 0.1

    portal_no_redis_proprio.send_signal(signal.SIGCONT)
    time.sleep(PAUSA + 0.1)
    assert cache.get("fica") == "ainda vale"
    # o que foi gravado ou apagado durante a queda não volta com o valor de antes
    assert cache.get("muda") is None
    assert cache.get("some") is None
    cache.set("muda", "valor novo")
    assert cache.get("muda") == "valor novo"


@pytest.mark.django_db(transaction=True)
def test_logout_durante_a_queda_nao_ressuscita_a_sessao(client, portal_no_redis_proprio):
    usuario = UsuarioFactory()
    EmpreendedorFactory(usuario=usuario, territorio=TerritorioFactory())
    client.force_login(usuario)
    assert client.get(reverse("pontos:minha_conta")).status_code == 200
    sessao = client.cookies["sessionid"].value

    portal_no_redis_proprio.send_signal(signal.SIGSTOP)
    _rapido(client, "post", reverse("account_logout"))
    portal_no_redis_proprio.send_signal(signal.SIGCONT)
    time.sleep(PAUSA + 0.1)

    client.cookies["sessionid"] = sessao  # quem guardou o cookie antigo tenta voltar
    resposta = client.get(reverse("pontos:minha_conta"))
    assert resposta.status_code == 302
    assert reverse("account_login") in resposta["Location"]


@pytest.mark.postgres
@pytest.mark.urls("tests.confiabilidade.urls_sonda")
@pytest.mark.django_db(transaction=True)
def test_redis_travado_formularios_que_enfileiram_respondem(client, portal_no_redis_proprio):
    """Travado, o Redis aceita a conexão e não responde: cada envio ao broker esperaria o tempo
    de leitura inteiro. Os formulários seguem abaixo de 2 s e o trabalho fica na caixa de saída."""
    from pontos.models import TarefaPendente

    portal_no_redis_proprio.send_signal(signal.SIGSTOP)
    for i in range(3):
        _rapido(client, "post", reverse("sonda_enviar"), {"chave": f"travado-{i}"})
    assert TarefaPendente.objects.filter(tarefa="pontos.sonda", enviada_em__isnull=True).count() == 3
    for formulario in formularios_que_enfileiram():
        resposta, gasto = formulario.enviar(client)
        assert resposta.status_code < 500, formulario.nome
        assert gasto < 2.0, f"{formulario.nome} levou {gasto:.2f} s com o Redis travado"
