"""Busca da vitrine no PostgreSQL: índice de trigramas para ``texto_busca__icontains``.

O Django traduz ``icontains`` em ``UPPER(texto_busca::text) LIKE UPPER('%termo%')``; o índice GIN
com ``gin_trgm_ops`` sobre a mesma expressão evita varrer a tabela. No SQLite não há nada a fazer.
"""

from django.db import migrations

CRIAR = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS empreendedor_texto_busca_trgm
    ON pontos_empreendedor USING gin (UPPER(texto_busca::text) gin_trgm_ops);
"""
DESFAZER = "DROP INDEX IF EXISTS empreendedor_texto_busca_trgm;"


def criar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CRIAR)


def desfazer(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DESFAZER)


class Migration(migrations.Migration):
    dependencies = [("pontos", "0002_reserva_exclusao")]
    operations = [migrations.RunPython(criar, desfazer)]
