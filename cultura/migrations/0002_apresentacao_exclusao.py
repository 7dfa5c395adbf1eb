"""Nenhum artista em dois lugares ao mesmo tempo, garantido pelo PostgreSQL.

No SQLite (padrão embarcado) não há restrição de exclusão: ``apresentacao_criar`` confere com trava.
"""

from django.db import migrations

CRIAR = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE cultura_apresentacao ADD CONSTRAINT apresentacao_artista_sem_sobreposicao
    EXCLUDE USING gist (artista_id WITH =, tstzrange(inicio, fim, '[)') WITH &&) WHERE (NOT cancelada);
"""
DESFAZER = "ALTER TABLE cultura_apresentacao DROP CONSTRAINT IF EXISTS apresentacao_artista_sem_sobreposicao;"


def criar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CRIAR)


def desfazer(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DESFAZER)


class Migration(migrations.Migration):
    dependencies = [("cultura", "0001_initial"), ("pontos", "0002_reserva_exclusao")]
    operations = [migrations.RunPython(criar, desfazer)]
