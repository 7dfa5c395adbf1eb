"""Worker Celery de verdade para os testes ``@pytest.mark.worker``.

A fixture ``worker_celery`` sobe ``celery -A config worker`` como subprocesso, apontado para
o banco de teste do pytest-django (``connection.settings_dict["NAME"]``) e para o ``REDIS_URL``.
Os testes que a usam precisam de dados commitados: use ``transactional_db`` /
``@pytest.mark.django_db(transaction=True)``. Para usar em outra pasta, importe a fixture no
``conftest.py`` dela (ou acrescente ``pytest_plugins = ["tests.worker"]`` ao conftest raiz).
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

RAIZ = Path(__file__).resolve().parent.parent


def url_banco_teste(connection):
    dados = connection.settings_dict
    if dados["ENGINE"] != "django.db.backends.postgresql":
        return None
    usuario = quote(dados.get("USER") or "")
    senha = f":{quote(dados['PASSWORD'])}" if dados.get("PASSWORD") else ""
    credencial = f"{usuario}{senha}@" if usuario else ""
    return f"postgres://{credencial}{dados.get('HOST') or '127.0.0.1'}:{dados.get('PORT') or 5432}/{dados['NAME']}"


class Worker:
    def __init__(self, processo, log):
        self.processo = processo
        self.log = log

    def saida(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def worker_iniciar(*, url_banco, redis_url, log, ambiente_extra=None):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": url_banco,
            "REDIS_URL": redis_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "PYTHONPATH": str(RAIZ),
        }
    )
    env.update(ambiente_extra or {})
    celery = str(Path(sys.executable).parent / "celery")
    cmd = [celery, "-A", "config", "worker", "--pool", "solo", "--loglevel", "INFO",
           "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"teste-{os.getpid()}@%h"]  # fmt: skip
    arquivo = open(log, "wb")  # noqa: SIM115 — fica aberto enquanto o worker vive
    processo = subprocess.Popen(cmd, cwd=RAIZ, env=env, stdout=arquivo, stderr=subprocess.STDOUT)
    worker = Worker(processo, Path(log))
    limite = time.monotonic() + 60
    while time.monotonic() < limite:
        if processo.poll() is not None:
            raise RuntimeError(f"worker Celery saiu com {processo.returncode}:\n{worker.saida()}")
        if " ready." in worker.saida():
            return worker
        time.sleep(0.3)
    worker_parar(worker)
    raise RuntimeError(f"worker Celery não ficou pronto em 60 s:\n{worker.saida()}")


def worker_parar(worker):
    if worker.processo.poll() is None:
        worker.processo.terminate()
        try:
            worker.processo.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.processo.kill()
            worker.processo.wait(timeout=10)


@pytest.fixture
def worker_celery(transactional_db, settings, tmp_path):
    from celery import current_app
    from django.db import connection

    url = url_banco_teste(connection)
    if url is None or not settings.REDIS_URL:
        pytest.fail("worker_celery precisa de PostgreSQL e REDIS_URL (rode com DATABASE_URL e REDIS_URL).")
    current_app.control.purge()  # restos de outros testes não devem rodar aqui
    worker = worker_iniciar(url_banco=url, redis_url=settings.REDIS_URL, log=tmp_path / "worker.log")
    yield worker
    worker_parar(worker)


def esperar(condicao, *, segundos=20, intervalo=0.2):
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        if condicao():
            return True
        time.sleep(intervalo)
    return condicao()
