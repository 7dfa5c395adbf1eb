"""Preparação comum dos benchmarks das feiras: Django configurado e dados sintéticos em massa."""

import datetime
import os
import secrets
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
# A mesma chave no processo do bench e no gunicorn: as sessões criadas aqui valem lá.
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + secrets.token_hex(32))


def iniciar_django():
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Defina DATABASE_URL para um PostgreSQL (ex.: postgres://postgres@127.0.0.1:5432/pontos_feiras).")


def preparar_feira(*, prefixo, pessoas, bancas, cotas, abrir=True):
    """Secretaria, Ponto, área, layout com ``bancas`` bancas, categorias com ``cotas`` e ``pessoas`` empreendedores."""
    from django.utils import timezone

    from feiras.models import Banca, CategoriaFeira, Feira, LayoutBancas
    from pontos.models import (
        CategoriaProduto,
        Empreendedor,
        Espaco,
        Ponto,
        Secretaria,
        Territorio,
        TipoEspaco,
        Usuario,
    )

    secretaria, _ = Secretaria.objects.get_or_create(sigla="smdet", defaults={"nome": "SMDET"})
    territorio, _ = Territorio.objects.get_or_create(slug="butanta", defaults={"nome": "Butantã"})
    marca = timezone.now().strftime("%H%M%S%f")
    ponto = Ponto.objects.create(
        nome=f"{prefixo} {marca}",
        slug=f"{prefixo}-{marca}",
        tipo="parque",
        territorio=territorio,
        secretaria=secretaria,
        cep="05508-000",
        endereco="Rua do Bench, 1",
    )
    area = Espaco.objects.create(ponto=ponto, nome="Área de feira", tipo=TipoEspaco.AREA_FEIRA, capacidade=bancas)
    agora = timezone.now()
    feira = Feira.objects.create(
        secretaria=secretaria,
        ponto=ponto,
        espaco=area,
        titulo=f"Feira de bench {marca}",
        data=timezone.localdate() + datetime.timedelta(days=10),
        hora_inicio=datetime.time(9),
        hora_fim=datetime.time(15),
        inscricoes_abrem=agora - datetime.timedelta(hours=1),
        inscricoes_fecham=agora + datetime.timedelta(days=(5 if abrir else -1) or 1),
    )
    colunas = 20
    layout = LayoutBancas.objects.create(
        ponto=ponto, secretaria=secretaria, colunas=colunas, linhas=bancas // colunas + 1
    )
    categorias_lista = [c for c, _r in CategoriaProduto.choices]
    Banca.objects.bulk_create(
        [Banca(layout=layout, numero=i + 1, x=i % colunas + 1, y=i // colunas + 1, categoria="") for i in range(bancas)]
    )
    categorias = CategoriaFeira.objects.bulk_create(
        [CategoriaFeira(feira=feira, categoria=c, cota=cotas) for c in categorias_lista]
    )
    from django.contrib.auth.hashers import make_password

    inutilizavel = make_password(None)  # sem senha: o bench entra por sessão criada no banco
    usuarios = Usuario.objects.bulk_create(
        [
            Usuario(email=f"{prefixo}-{marca}-{i}@bench.local", nome=f"Pessoa {i}", password=inutilizavel)
            for i in range(pessoas)
        ],
        batch_size=5000,
    )
    empreendedores = Empreendedor.objects.bulk_create(
        [
            Empreendedor(
                usuario=u,
                nome=f"Pessoa Bench {i}",
                cpf=f"{marca[-5:]}{i:06d}",
                telefone="(11) 90000-0000",
                territorio=territorio,
                cadunico=i % 4 == 0,
                categorias=["artesanato"],
            )
            for i, u in enumerate(usuarios)
        ],
        batch_size=5000,
    )
    return feira, categorias, usuarios, empreendedores
