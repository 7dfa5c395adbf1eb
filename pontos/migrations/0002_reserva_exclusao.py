"""Sem sobreposição de reservas ativas do mesmo espaço, garantido pelo PostgreSQL.

No SQLite (padrão embarcado) não há restrição de exclusão: ``reserva_criar`` confere com trava.
"""

from django.db import migrations

CRIAR = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE pontos_reserva ADD CONSTRAINT reserva_sem_sobreposicao
    EXCLUDE USING gist (espaco_id WITH =, tstzrange(inicio, fim, '[)') WITH &&) WHERE (NOT cancelada);
"""
DESFAZER = "ALTER TABLE pontos_reserva DROP CONSTRAINT IF EXISTS reserva_sem_sobreposicao;"


def criar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CRIAR)


def desfazer(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DESFAZER)


class Migration(migrations.Migration):
    dependencies = [("pontos", "0001_initial")]
    operations = [migrations.RunPython(criar, desfazer)]
