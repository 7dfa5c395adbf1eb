"""Dados de demonstração do Butantã: o início real do programa.

Idempotente: cada linha é procurada por uma chave natural antes de ser criada.
"""

import dataclasses
import datetime
import io
import random

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from pontos import extensoes
from pontos.models import (
    CategoriaProduto,
    Empreendedor,
    Espaco,
    Infraestrutura,
    Papel,
    Ponto,
    Produto,
    Secretaria,
    Territorio,
    TipoEspaco,
    TipoPonto,
    Usuario,
    Vinculo,
)
from pontos.models.lugares import TipoInfraestrutura
from pontos.services.imagens import produto_miniatura_gerar

SENHA_DEMO = "demo12345"

SECRETARIAS = [
    (
        "smdet",
        "Secretaria Municipal de Desenvolvimento Econômico e Trabalho",
        "#1d4e89",
        False,
        ["feiras", "formacao", "entrepostos"],
    ),
    ("smc", "Secretaria Municipal de Cultura", "#8a1c7c", False, ["cultura", "feiras", "formacao"]),
    ("svma", "Secretaria Municipal do Verde e do Meio Ambiente", "#2e7d32", False, ["hortas", "feiras"]),
    ("sgm", "Secretaria de Governo Municipal", "#444444", True, []),
]

PONTOS = [
    {
        "slug": "parque-do-jockey",
        "nome": "Parque do Jockey",
        "tipo": TipoPonto.PARQUE,
        "sec": "svma",
        "cep": "05529-000",
        "endereco": "Av. Lineu de Paula Machado, 1263 — Cidade Jardim",
        "lat": "-23.5838",
        "lon": "-46.6960",
        "horarios": "Todos os dias, 6h às 22h",
        "descricao": "Parque com horta comunitária e feiras diurnas acompanhadas de eventos culturais e esportivos.",
        "infra": [
            (TipoInfraestrutura.HORTA, "20 canteiros"),
            (TipoInfraestrutura.ESPACO_FEIRA, "40 bancas"),
            (TipoInfraestrutura.PALCO, "palco ao ar livre, 300 pessoas"),
        ],
        "espacos": [("Gramado das feiras", TipoEspaco.AREA_FEIRA, 40), ("Palco do gramado", TipoEspaco.PALCO, 300)],
    },
    {
        "slug": "cresan-butanta",
        "nome": "CRESAN Butantã",
        "tipo": TipoPonto.SEGURANCA_ALIMENTAR,
        "sec": "smdet",
        "cep": "05512-300",
        "endereco": "Rua Dr. Vital Brasil, 1000 — Butantã",
        "lat": "-23.5700",
        "lon": "-46.7180",
        "horarios": "Segunda a sexta, 8h às 17h",
        "descricao": "Centro de Referência em Segurança Alimentar: horta, cozinha comunitária que produz marmitas "
        "para famílias vizinhas e armazém para distribuição de alimentos.",
        "infra": [
            (TipoInfraestrutura.HORTA, "12 canteiros"),
            (TipoInfraestrutura.COZINHA, "200 marmitas/dia"),
            (TipoInfraestrutura.ENTREPOSTO, "armazém de 80 m²"),
            (TipoInfraestrutura.SALA_OFICINA, "25 pessoas"),
        ],
        "espacos": [
            ("Cozinha escola", TipoEspaco.COZINHA, 20),
            ("Sala de oficinas", TipoEspaco.SALA, 25),
            ("Armazém", TipoEspaco.BOX_ARMAZENAGEM, 30),
        ],
    },
    {
        "slug": "casa-de-cultura-butanta",
        "nome": "Casa de Cultura do Butantã",
        "tipo": TipoPonto.CASA_CULTURA,
        "sec": "smc",
        "cep": "05508-000",
        "endereco": "Av. Junta Mizumoto, 13 — Jardim Peri Peri",
        "lat": "-23.5860",
        "lon": "-46.7360",
        "horarios": "Terça a domingo, 9h às 21h",
        "descricao": "Casa de Cultura com feiras acompanhadas de eventos culturais e oficinas artísticas.",
        "infra": [
            (TipoInfraestrutura.ESPACO_FEIRA, "25 bancas"),
            (TipoInfraestrutura.PALCO, "120 pessoas"),
            (TipoInfraestrutura.SALA_OFICINA, "30 pessoas"),
        ],
        "espacos": [
            ("Pátio das feiras", TipoEspaco.AREA_FEIRA, 25),
            ("Teatro", TipoEspaco.PALCO, 120),
            ("Sala de ensaio", TipoEspaco.SALA, 30),
        ],
    },
    {
        "slug": "sacolao-butanta",
        "nome": "Sacolão do Butantã",
        "tipo": TipoPonto.MERCADO,
        "sec": "smdet",
        "cep": "05501-000",
        "endereco": "Rua Pirajussara, 500 — Butantã",
        "lat": "-23.5670",
        "lon": "-46.7080",
        "horarios": "Segunda a sábado, 7h às 19h",
        "descricao": "Sacolão municipal que funciona como entreposto para a logística de comercialização.",
        "infra": [
            (TipoInfraestrutura.ENTREPOSTO, "12 boxes secos, 4 refrigerados"),
            (TipoInfraestrutura.ESPACO_FEIRA, "15 bancas"),
        ],
        "espacos": [
            ("Boxes de armazenagem", TipoEspaco.BOX_ARMAZENAGEM, 16),
            ("Corredor de feira", TipoEspaco.AREA_FEIRA, 15),
        ],
    },
]

PESSOAS = [
    ("Maria Aparecida Souza", "52998224725", CategoriaProduto.ALIMENTOS_PRONTOS, "Bolo de fubá", "Quitutes da Cida"),
    ("José Carlos Lima", "11144477735", CategoriaProduto.ARTESANATO, "Cesto de palha", "Palha e Arte"),
    ("Ana Beatriz Santos", "39053344705", CategoriaProduto.PRODUTOS_NATURAIS, "Sabonete de erva-doce", "Ervas da Bia"),
    ("Francisca Oliveira", "74682489070", CategoriaProduto.HORTIFRUTI, "Cesta de verduras", "Horta da Chica"),
    ("Antônio Pereira", "86288366757", CategoriaProduto.ALIMENTOS_PRONTOS, "Pastel de feira", "Pastel do Toninho"),
    ("Luzia Ferreira", "71428793860", CategoriaProduto.ARTESANATO, "Bolsa de crochê", "Crochê da Luzia"),
    ("Raimundo Nonato Silva", "28625587887", CategoriaProduto.OUTROS, "Conserto de bicicletas", "Bike do Nonato"),
    ("Sebastiana Costa", "63184923053", CategoriaProduto.PRODUTOS_NATURAIS, "Mel de abelha jataí", "Meliponário Sebá"),
    ("Kauã Ribeiro", "04852927006", CategoriaProduto.ARTESANATO, "Camiseta serigrafada", "Kauã Estampas"),
    (
        "Joana D'Arc Almeida",
        "97456321043",
        CategoriaProduto.ALIMENTOS_PRONTOS,
        "Marmita vegetariana",
        "Cozinha da Joana",
    ),
    ("Thiago Nascimento", "15350946056", CategoriaProduto.HORTIFRUTI, "Muda de temperos", "Temperos do Thiago"),
    ("Rosângela Araújo", "27100827051", CategoriaProduto.ARTESANATO, "Boneca de pano", "Bonecas da Rô"),
]


@dataclasses.dataclass
class Demo:
    secretarias: dict
    territorio: Territorio
    pontos: dict
    espacos: dict
    pessoas: list
    equipe: dict
    logins: list


def foto_gerada(texto, cor):
    imagem = Image.new("RGB", (480, 360), cor)
    desenho = ImageDraw.Draw(imagem)
    desenho.rectangle((20, 20, 460, 340), outline="white", width=6)
    desenho.text((40, 160), texto[:40], fill="white")
    saida = io.BytesIO()
    imagem.save(saida, "JPEG", quality=80)
    return ContentFile(saida.getvalue(), name="produto.jpg")


@transaction.atomic
def demo_carregar():
    secretarias = {}
    for sigla, nome, cor, governo, programas in SECRETARIAS:
        secretarias[sigla], _ = Secretaria.objects.update_or_create(
            sigla=sigla, defaults={"nome": nome, "cor": cor, "eh_governo": governo, "programas": programas}
        )
    territorio, _ = Territorio.objects.get_or_create(slug="butanta", defaults={"nome": "Butantã"})
    pontos, espacos = {}, {}
    for dados in PONTOS:
        ponto, _ = Ponto.objects.update_or_create(
            slug=dados["slug"],
            defaults={
                "nome": dados["nome"],
                "tipo": dados["tipo"],
                "territorio": territorio,
                "secretaria": secretarias[dados["sec"]],
                "cep": dados["cep"],
                "endereco": dados["endereco"],
                "latitude": dados["lat"],
                "longitude": dados["lon"],
                "descricao": dados["descricao"],
                "horarios": dados["horarios"],
            },
        )
        pontos[dados["slug"]] = ponto
        for tipo, capacidade in dados["infra"]:
            Infraestrutura.objects.update_or_create(ponto=ponto, tipo=tipo, defaults={"capacidade": capacidade})
        for nome, tipo, capacidade in dados["espacos"]:
            espacos[(dados["slug"], tipo)], _ = Espaco.objects.update_or_create(
                ponto=ponto, nome=nome, defaults={"tipo": tipo, "capacidade": capacidade}
            )

    logins = []
    equipe = {}
    for sigla in secretarias:
        papeis = [Papel.CONSULTA] if secretarias[sigla].eh_governo else list(Papel)
        for papel in papeis:
            email = (
                f"{papel}.{sigla}@demo.prefeitura.sp.gov.br"
                if not secretarias[sigla].eh_governo
                else "governo@demo.prefeitura.sp.gov.br"
            )
            usuario = _usuario(email, f"{papel.label} {sigla.upper()}", staff=True)
            Vinculo.objects.update_or_create(usuario=usuario, secretaria=secretarias[sigla], defaults={"papel": papel})
            equipe[(sigla, papel)] = usuario
            logins.append((email, f"{papel.label} da {sigla.upper()}"))

    aleatorio = random.Random(2026)
    pessoas = []
    cores = ["#8d5524", "#1d4e89", "#2e7d32", "#8a1c7c", "#b23c17", "#00695c"]
    for indice, (nome, cpf, categoria, produto, nome_publico) in enumerate(PESSOAS):
        email = f"empreendedor{indice + 1}@demo.rededepontos.org"
        usuario = _usuario(email, nome, staff=False)
        pessoa, criada = Empreendedor.objects.get_or_create(
            cpf=cpf,
            defaults={
                "usuario": usuario,
                "nome": nome,
                "nome_publico": nome_publico,
                "email": email,
                "data_nascimento": datetime.date(1960 + aleatorio.randint(0, 40), aleatorio.randint(1, 12), 10),
                "telefone": f"(11) 9{aleatorio.randint(1000, 9999)}-{aleatorio.randint(1000, 9999)}",
                "territorio": territorio,
                "categorias": [categoria],
                "cep": "05508-000",
                "endereco": "Butantã, São Paulo",
                "cadunico": indice % 3 == 0,
                "publicar_vitrine": True,
                "descricao": f"{nome_publico}: {produto.lower()} feito no Butantã.",
            },
        )
        if criada:
            item = Produto.objects.create(
                empreendedor=pessoa,
                nome=produto,
                categoria=categoria,
                preco_referencia=10 + indice * 2,
                foto=foto_gerada(produto, cores[indice % len(cores)]),
                descricao=f"{produto} de produção própria.",
            )
            produto_miniatura_gerar(produto_id=item.pk)
        pessoas.append(pessoa)
        if indice < 2:
            logins.append((email, f"Empreendedor(a): {nome}"))

    admin = _usuario("admin@demo.prefeitura.sp.gov.br", "Administração da plataforma", staff=True, superusuario=True)
    logins.append((admin.email, "Administração da plataforma (superusuário)"))
    demo = Demo(secretarias, territorio, pontos, espacos, pessoas, equipe, logins)
    for contribuicao in extensoes.demonstracao:
        contribuicao(demo=demo)
    return demo


def _usuario(email, nome, *, staff, superusuario=False):
    from allauth.account.models import EmailAddress

    usuario, criado = Usuario.objects.get_or_create(
        email=email, defaults={"nome": nome, "is_staff": staff, "is_superuser": superusuario}
    )
    if criado:
        usuario.set_password(SENHA_DEMO)
        usuario.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=usuario, email=email, defaults={"verified": True, "primary": True})
    return usuario
