"""Backup e restauração (docs/backup.md): pg_dump -Fc do demo do Butantã e pg_restore num
banco novo devolvem os mesmos dados, e o portal funciona sobre o banco restaurado."""

import shutil
import subprocess

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.postgres


def _pg(programa):
    caminho = shutil.which(programa)
    assert caminho, f"{programa} não encontrado (pacote postgresql-client)"
    return caminho


def _args_conexao():
    dados = connection.settings_dict
    return [
        "-h",
        dados.get("HOST") or "127.0.0.1",
        "-p",
        str(dados.get("PORT") or 5432),
        "-U",
        dados.get("USER") or "postgres",
    ]


def _contagens(cursor):
    resultado = {}
    for modelo in apps.get_models():
        tabela = modelo._meta.db_table
        cursor.execute(f'SELECT count(*) FROM "{tabela}"')  # noqa: S608 — nome de tabela do Django
        resultado[tabela] = cursor.fetchone()[0]
    return resultado


def test_pg_dump_e_pg_restore_fazem_o_round_trip_do_demo(transactional_db, tmp_path, settings):
    assert connection.vendor == "postgresql", "este teste precisa do PostgreSQL"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo_butanta", verbosity=0)
    with connection.cursor() as cursor:
        origem = _contagens(cursor)
        cursor.execute("SELECT slug, nome FROM pontos_ponto ORDER BY slug")
        pontos = cursor.fetchall()
        cursor.execute("SELECT cpf, nome FROM pontos_empreendedor ORDER BY cpf")
        pessoas = cursor.fetchall()
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migracoes = cursor.fetchall()
    assert origem["pontos_ponto"] == 4 and origem["pontos_empreendedor"] >= 12

    nome = connection.settings_dict["NAME"]
    copia = f"{nome}_restaurado"
    arquivo = tmp_path / "portal.dump"
    env = {"PGPASSWORD": connection.settings_dict.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [_pg("pg_dump"), *_args_conexao(), "-Fc", "--no-owner", "-f", str(arquivo), nome], check=True, env=env
    )
    assert arquivo.stat().st_size > 0
    subprocess.run([_pg("dropdb"), *_args_conexao(), "--if-exists", copia], check=True, env=env)
    subprocess.run([_pg("createdb"), *_args_conexao(), copia], check=True, env=env)
    try:
        subprocess.run(
            [_pg("pg_restore"), *_args_conexao(), "--no-owner", "--exit-on-error", "-d", copia, str(arquivo)],
            check=True,
            env=env,
        )
        import psycopg

        dados = connection.settings_dict
        with (
            psycopg.connect(
                host=dados.get("HOST") or "127.0.0.1",
                port=dados.get("PORT") or 5432,
                user=dados.get("USER") or "postgres",
                password=dados.get("PASSWORD") or None,
                dbname=copia,
            ) as restaurado,
            restaurado.cursor() as cursor,
        ):
            assert _contagens(cursor) == origem
            cursor.execute("SELECT slug, nome FROM pontos_ponto ORDER BY slug")
            assert cursor.fetchall() == pontos
            cursor.execute("SELECT cpf, nome FROM pontos_empreendedor ORDER BY cpf")
            assert cursor.fetchall() == pessoas
            # a restrição de exclusão das reservas sobreviveu à restauração
            cursor.execute("SELECT count(*) FROM pg_constraint WHERE contype = 'x'")
            assert cursor.fetchone()[0] >= 1
            # as migrações aplicadas também: o banco restaurado não pede migração
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            assert cursor.fetchall() == migracoes
    finally:
        subprocess.run([_pg("dropdb"), *_args_conexao(), "--if-exists", "--force", copia], check=False, env=env)
