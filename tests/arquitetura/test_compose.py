"""docker-compose.yml: a forma está certa e os comandos de web e worker funcionam de verdade.

Sem Docker na CI: o teste lê o compose e executa nativamente os comandos dos serviços web e
worker, com o ambiente do compose (e do .env.example), contra o PostgreSQL e o Redis locais.
"""

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache
from django.db import connection

from pontos.services.tarefas import tarefa_enfileirar
from tests.servidor import porta_livre, servidor_iniciar, servidor_parar
from tests.worker import esperar, url_banco_teste

RAIZ = Path(__file__).resolve().parent.parent.parent
COMPOSE = yaml.safe_load((RAIZ / "docker-compose.yml").read_text())
SERVICOS = COMPOSE["services"]


def _env_exemplo():
    valores = {}
    for linha in (RAIZ / ".env.example").read_text().splitlines():
        linha = linha.strip()
        if linha and not linha.startswith("#") and "=" in linha:
            nome, valor = linha.split("=", 1)
            valores[nome] = valor
    return valores


def _ambiente(servico, *, redis_url, static_root):
    env = _env_exemplo()
    env.update(servico.get("environment") or {})
    env.update(
        {
            "DATABASE_URL": url_banco_teste(connection),
            "REDIS_URL": redis_url,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "DJANGO_STATIC_ROOT": str(static_root),
        }
    )
    return env


def _nativo(comando):
    """O executável do compose vira o do virtualenv (``python``, ``gunicorn``, ``celery``)."""
    bin_dir = Path(sys.executable).parent
    return [str(bin_dir / comando[0]) if (bin_dir / comando[0]).exists() else comando[0], *comando[1:]]


def test_compose_tem_os_servicos_do_desenho():
    assert {"web", "worker", "beat", "db", "redis"} <= set(SERVICOS)
    assert SERVICOS["db"]["image"].startswith("postgres:16")
    assert SERVICOS["redis"]["image"].startswith("redis:7")
    imagens = {SERVICOS[s]["image"] for s in ("web", "worker", "beat")}
    assert len(imagens) == 1, "web, worker e beat usam a mesma imagem"
    assert all(SERVICOS[s]["build"] == "." for s in ("web", "worker", "beat"))
    assert SERVICOS["web"]["command"][0] == "gunicorn"
    assert SERVICOS["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert SERVICOS["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]
    for servico in ("web", "worker", "beat"):
        ambiente = SERVICOS[servico]["environment"]
        assert ambiente["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert ambiente["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in ambiente["DATABASE_URL"]
        assert ambiente["REDIS_URL"].startswith("redis://redis:6379")
    assert (RAIZ / "Dockerfile").exists() and (RAIZ / ".env.example").exists()
    exemplo = _env_exemplo()
    assert {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "POSTGRES_PASSWORD"} <= set(exemplo)


@pytest.mark.postgres
@pytest.mark.worker
def test_comandos_de_web_e_worker_funcionam(transactional_db, settings, tmp_path):
    assert connection.vendor == "postgresql", "este teste precisa do PostgreSQL"
    assert settings.REDIS_URL, "este teste precisa de REDIS_URL"
    web = SERVICOS["web"]
    env_web = _ambiente(web, redis_url=settings.REDIS_URL, static_root=tmp_path / "static")
    # o que o Dockerfile faz no build: estáticos comprimidos
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=RAIZ,
        env={**env_web, "PATH": "/usr/bin:/bin"},
        check=True,
    )
    porta = porta_livre()
    comando = list(web["command"])
    comando[comando.index("--bind") + 1] = f"127.0.0.1:{porta}"
    comando[comando.index("--workers") + 1] = "2"
    servidor = servidor_iniciar(_nativo(comando), env_extra=env_web, log=tmp_path / "web.log", porta=porta)
    try:
        status, corpo = servidor.get("/")
        assert status == 200, servidor.saida()[-3000:]
        assert b"<h1" in corpo
        css = next(p for p in corpo.decode().split('"') if p.startswith("/static/") and p.endswith(".css"))
        status, _ = servidor.get(css)
        assert status == 200, f"WhiteNoise não serviu {css}"
    finally:
        servidor_parar(servidor)

    worker = SERVICOS["worker"]
    env_worker = _ambiente(worker, redis_url=settings.REDIS_URL, static_root=tmp_path / "static")
    from celery import current_app

    current_app.control.purge()
    comando = _nativo(
        [*worker["command"], "--without-gossip", "--without-mingle", "-n", f"compose-{uuid.uuid4().hex[:6]}@%h"]
    )
    processo = servidor_iniciar(
        comando,
        env_extra=env_worker,
        log=tmp_path / "worker.log",
        porta=0,
        pronto=None,
    )
    try:
        chave = f"compose-{uuid.uuid4().hex}"
        tarefa_enfileirar("pontos.sonda", chave=chave)
        assert esperar(lambda: cache.get(f"sonda:{chave}") == 1, segundos=40), processo.saida()[-3000:]
    finally:
        servidor_parar(processo)
