"""Arquitetura: migrações em dia, configuração de produção limpa e contratos de importação."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

RAIZ = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent

AMBIENTE_PRODUCAO = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "teste-" + "k7Qz9xW2" * 8,
    "DJANGO_ALLOWED_HOSTS": "pontos.prefeitura.sp.gov.br",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _rodar(cmd, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(env_extra or {})
    return subprocess.run(cmd, cwd=RAIZ, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.django_db
def test_sem_migracoes_pendentes():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_check_deploy_limpo_com_configuracao_de_producao():
    r = _rodar([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], AMBIENTE_PRODUCAO)
    assert r.returncode == 0, r.stdout + r.stderr


def test_producao_sem_padrao_para_segredos():
    for faltando in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
        env = {k: v for k, v in AMBIENTE_PRODUCAO.items() if k != faltando}
        r = _rodar([sys.executable, "manage.py", "check"], env)
        assert r.returncode != 0, f"produção subiu sem {faltando}"
        assert faltando in r.stderr


def test_contratos_de_importacao():
    r = _rodar([str(BIN / "lint-imports")])
    assert r.returncode == 0, r.stdout + r.stderr
