"""PostgreSQL reiniciado: com o gunicorn no ar, todas as conexões dele são derrubadas
(``pg_terminate_backend``) e as próximas requisições funcionam sem reiniciar nada
(``CONN_MAX_AGE`` + ``CONN_HEALTH_CHECKS``)."""

import pytest
from django.db import connection

from tests.factories import PontoFactory
from tests.servidor import gunicorn_cmd, porta_livre, servidor_iniciar, servidor_parar
from tests.worker import url_banco_teste

pytestmark = pytest.mark.postgres


def _derrubar_conexoes(nome_banco):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [nome_banco],
        )
        return cursor.fetchone()[0]


def test_conexoes_derrubadas_e_o_servidor_se_recupera_sozinho(transactional_db, tmp_path, settings):
    assert connection.vendor == "postgresql", "este teste precisa do PostgreSQL"
    ponto = PontoFactory(nome="Ponto da Resiliência", slug="resiliencia")
    porta = porta_livre()
    servidor = servidor_iniciar(
        gunicorn_cmd(porta),
        env_extra={
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": url_banco_teste(connection),
            "REDIS_URL": settings.REDIS_URL,
        },
        log=tmp_path / "gunicorn.log",
        porta=porta,
    )
    try:
        caminho = ponto.get_absolute_url()
        for _ in range(6):  # cada worker abre (e mantém) a sua conexão
            status, corpo = servidor.get(caminho)
            assert status == 200
        assert "Ponto da Resiliência".encode() in corpo
        derrubadas = _derrubar_conexoes(connection.settings_dict["NAME"])
        assert derrubadas >= 1, "o gunicorn devia estar com conexões persistentes abertas"
        resultados = [servidor.get(caminho)[0] for _ in range(10)]
        assert resultados == [200] * 10, servidor.saida()[-3000:]
        assert servidor.processo.poll() is None, "o servidor não pode ter caído"
    finally:
        servidor_parar(servidor)
