"""Gerador do núcleo: territórios, secretarias, Pontos, espaços, pessoas, produtos e fotos."""

import io
import unicodedata

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw

from pontos.models import (
    CategoriaProduto,
    Empreendedor,
    Espaco,
    Infraestrutura,
    Papel,
    Ponto,
    Produto,
    Secretaria,
    SituacaoFormalizacao,
    Territorio,
    TipoEspaco,
    TipoPonto,
    Usuario,
    Vinculo,
)
from pontos.models.lugares import TipoInfraestrutura

# As 32 subprefeituras de São Paulo.
SUBPREFEITURAS = [
    "Butantã", "Aricanduva", "Campo Limpo", "Capela do Socorro", "Casa Verde", "Cidade Ademar",
    "Cidade Tiradentes", "Ermelino Matarazzo", "Freguesia do Ó", "Guaianases", "Ipiranga", "Itaim Paulista",
    "Itaquera", "Jabaquara", "Jaçanã", "Lapa", "M'Boi Mirim", "Mooca", "Parelheiros", "Penha", "Perus",
    "Pinheiros", "Pirituba", "Santana", "Santo Amaro", "São Mateus", "São Miguel", "Sapopemba", "Sé",
    "Vila Maria", "Vila Mariana", "Vila Prudente",
]  # fmt: skip

SECRETARIAS = [
    ("smdet", "Secretaria Municipal de Desenvolvimento Econômico e Trabalho", "#1d4e89", False),
    ("smc", "Secretaria Municipal de Cultura", "#8a1c7c", False),
    ("svma", "Secretaria Municipal do Verde e do Meio Ambiente", "#2e7d32", False),
    ("sgm", "Secretaria de Governo Municipal", "#444444", True),
]

# Tipo de equipamento -> secretaria que o mantém, infraestrutura e espaços reserváveis.
PERFIS_PONTO = {
    TipoPonto.PARQUE: (
        "svma",
        [TipoInfraestrutura.HORTA, TipoInfraestrutura.ESPACO_FEIRA, TipoInfraestrutura.PALCO],
        [("Gramado das feiras", TipoEspaco.AREA_FEIRA, 40), ("Palco", TipoEspaco.PALCO, 300)],
    ),
    TipoPonto.SEGURANCA_ALIMENTAR: (
        "smdet",
        [TipoInfraestrutura.HORTA, TipoInfraestrutura.COZINHA, TipoInfraestrutura.ENTREPOSTO],
        [("Cozinha escola", TipoEspaco.COZINHA, 20), ("Armazém", TipoEspaco.BOX_ARMAZENAGEM, 30)],
    ),
    TipoPonto.CASA_CULTURA: (
        "smc",
        [TipoInfraestrutura.ESPACO_FEIRA, TipoInfraestrutura.PALCO, TipoInfraestrutura.SALA_OFICINA],
        [("Pátio das feiras", TipoEspaco.AREA_FEIRA, 25), ("Teatro", TipoEspaco.PALCO, 120)],
    ),
    TipoPonto.MERCADO: (
        "smdet",
        [TipoInfraestrutura.ENTREPOSTO, TipoInfraestrutura.ESPACO_FEIRA],
        [("Boxes", TipoEspaco.BOX_ARMAZENAGEM, 16), ("Corredor de feira", TipoEspaco.AREA_FEIRA, 15)],
    ),
    TipoPonto.CEU: (
        "smdet",
        [TipoInfraestrutura.SALA_OFICINA, TipoInfraestrutura.ESPACO_FEIRA, TipoInfraestrutura.PALCO],
        [("Sala de oficinas", TipoEspaco.SALA, 30), ("Quadra das feiras", TipoEspaco.AREA_FEIRA, 30)],
    ),
}

PRENOMES = [
    "Maria", "José", "Ana", "Francisca", "Antônio", "Luzia", "Raimundo", "Sebastiana", "Kauã", "Joana", "Thiago",
    "Rosângela", "Paulo", "Cícera", "Edson", "Aparecida", "Lucas", "Juliana", "Marcos", "Patrícia", "Wellington",
    "Iracema", "Denise", "Gabriel", "Vitória", "Severino", "Eliane", "Jorge", "Tereza", "Rafael",
]  # fmt: skip
SOBRENOMES = [
    "Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Ferreira", "Costa", "Rodrigues", "Almeida",
    "Nascimento", "Araújo", "Ribeiro", "Carvalho", "Gomes", "Barbosa", "Rocha", "Dias", "Moreira", "Cardoso",
]  # fmt: skip
PRODUTOS = {
    CategoriaProduto.ARTESANATO: ["Cesto de palha", "Bolsa de crochê", "Boneca de pano", "Tapete de retalhos"],
    CategoriaProduto.PRODUTOS_NATURAIS: ["Sabonete de ervas", "Mel de jataí", "Óleo de massagem", "Chá de ervas"],
    CategoriaProduto.ALIMENTOS_PRONTOS: ["Bolo de fubá", "Pastel de feira", "Marmita vegetariana", "Doce de leite"],
    CategoriaProduto.HORTIFRUTI: ["Cesta de verduras", "Muda de temperos", "Couve orgânica", "Mandioca"],
    CategoriaProduto.OUTROS: ["Conserto de bicicletas", "Costura sob medida", "Corte de cabelo", "Serigrafia"],
}
CORES = ["#1d4e89", "#8a1c7c", "#2e7d32", "#b45309", "#0f766e", "#7c2d12", "#334155", "#9d174d"]

SENHA_CIDADE = "cidade12345"
EMAIL_PESSOA_BENCH = "pessoa@cidade.invalid"


def _slug(texto):
    base = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode().lower()
    return "".join(c if c.isalnum() else "-" for c in base).strip("-").replace("--", "-")


def cpf_de(numero):
    """CPF válido e único a partir de um inteiro (as pessoas sintéticas usam 9 dígitos de base)."""
    base = [int(d) for d in f"{numero % 1_000_000_000:09d}"]
    for _ in range(2):
        soma = sum(d * p for d, p in zip(base, range(len(base) + 1, 1, -1), strict=True))
        resto = (soma * 10) % 11
        base.append(0 if resto == 10 else resto)
    return "".join(map(str, base))


def imagens_gerar(contexto):
    """Poucas imagens pequenas reais, reaproveitadas por todas as fotos de produto."""
    caminhos = []
    for i in range(contexto.tamanho.imagens):
        cor = CORES[i % len(CORES)]
        imagem = Image.new("RGB", (320, 240), cor)
        desenho = ImageDraw.Draw(imagem)
        desenho.rectangle((12, 12, 308, 228), outline="white", width=4)
        desenho.text((30, 110), f"Produto {i + 1}", fill="white")
        saida = io.BytesIO()
        imagem.save(saida, "JPEG", quality=70)
        nome = f"cidade/produtos/foto-{i:03d}.jpg"
        if default_storage.exists(nome):
            default_storage.delete(nome)
        caminhos.append(default_storage.save(nome, ContentFile(saida.getvalue())))
    contexto.log(f"{len(caminhos)} imagens de produto geradas")
    return caminhos


def gerar_nucleo(*, contexto):
    al = contexto.aleatorio
    tam = contexto.tamanho
    agora = timezone.now()

    # Secretarias (as quatro do programa; reaproveita as existentes).
    for sigla, nome, cor, governo in SECRETARIAS:
        secretaria, _ = Secretaria.objects.get_or_create(
            sigla=sigla, defaults={"nome": nome, "cor": cor, "eh_governo": governo}
        )
        contexto.secretarias[sigla] = secretaria.pk

    # Territórios.
    nomes = SUBPREFEITURAS[: tam.territorios]
    ids = contexto.reservar_ids(Territorio, len(nomes))
    contexto.copiar(
        Territorio,
        ({"id": i, "nome": f"{n} (sintético)", "slug": f"sint-{_slug(n)}"} for i, n in zip(ids, nomes, strict=True)),
    )
    contexto.territorios = list(ids)

    # Pontos, infraestrutura e espaços.
    tipos = list(PERFIS_PONTO)
    ids_pontos = contexto.reservar_ids(Ponto, tam.pontos)
    linhas_ponto, linhas_infra, linhas_espaco = [], [], []
    ids_espaco = iter(contexto.reservar_ids(Espaco, tam.pontos * 2))
    for n, pk in enumerate(ids_pontos):
        tipo = tipos[n % len(tipos)]
        sigla, infra, espacos = PERFIS_PONTO[tipo]
        territorio = contexto.territorios[n % len(contexto.territorios)]
        rotulo = dict(TipoPonto.choices)[tipo]
        nome = f"{rotulo} {n + 1:04d}"
        linhas_ponto.append(
            {
                "id": pk,
                "nome": nome,
                "slug": f"sint-{_slug(nome)}",
                "tipo": tipo,
                "territorio_id": territorio,
                "secretaria_id": contexto.secretarias[sigla],
                "cep": f"0{al.randint(1000, 8499)}-{al.randint(0, 999):03d}",
                "endereco": f"Rua Sintética, {al.randint(1, 3000)}",
                "latitude": round(-23.55 + al.uniform(-0.25, 0.25), 6),
                "longitude": round(-46.63 + al.uniform(-0.25, 0.25), 6),
                "descricao": f"{rotulo} da rede sintética, com {len(infra)} infraestruturas.",
                "horarios": "Segunda a sábado, 8h às 18h",
                "ativo": True,
            }
        )
        contexto.pontos.append(pk)
        contexto.pontos_por_secretaria.setdefault(sigla, []).append(pk)
        for tipo_infra in infra:
            linhas_infra.append({"ponto_id": pk, "tipo": tipo_infra, "capacidade": f"{al.randint(5, 60)} lugares"})
        contexto.espacos[pk] = []
        for nome_espaco, tipo_espaco, capacidade in espacos:
            id_espaco = next(ids_espaco)
            linhas_espaco.append(
                {"id": id_espaco, "ponto_id": pk, "nome": nome_espaco, "tipo": tipo_espaco, "capacidade": capacidade}
            )
            contexto.espacos[pk].append((id_espaco, tipo_espaco))
    contexto.copiar(Ponto, linhas_ponto)
    contexto.copiar(Infraestrutura, linhas_infra)
    contexto.copiar(Espaco, linhas_espaco)

    # Equipe: por secretaria, um gestor e alguém do dia a dia (operador; consulta na SGM), que o
    # bench usa (gestores podem ter MFA obrigatório).
    senha = make_password(SENHA_CIDADE)
    for sigla, id_secretaria in contexto.secretarias.items():
        dia_a_dia = Papel.CONSULTA if sigla == "sgm" else Papel.OPERADOR
        for prefixo, papel in (("gestor", Papel.GESTOR), ("equipe", dia_a_dia)):
            usuario, _ = Usuario.objects.get_or_create(
                email=f"{prefixo}-{sigla}@cidade.invalid",
                defaults={"nome": f"{prefixo.title()} {sigla.upper()}", "is_staff": True, "password": senha},
            )
            Vinculo.objects.get_or_create(usuario=usuario, secretaria_id=id_secretaria, defaults={"papel": papel})
            if papel == Papel.GESTOR:
                contexto.usuarios_equipe[sigla] = usuario.pk

    # Pessoas. Só algumas têm conta (as demais são cadastros assistidos sem e-mail).
    categorias = list(PRODUTOS)
    situacoes = [s for s, _ in SituacaoFormalizacao.choices]
    ids_pessoas = contexto.reservar_ids(Empreendedor, tam.empreendedores)
    base_cpf = 100_000_000 + contexto.semente % 1000 * 100_000_000
    com_conta = min(50, tam.empreendedores)
    ids_usuarios = contexto.reservar_ids(Usuario, com_conta)
    contexto.copiar(
        Usuario,
        (
            {
                "id": uid,
                "email": EMAIL_PESSOA_BENCH if n == 0 else f"pessoa{n}@cidade.invalid",
                "nome": f"Pessoa sintética {n}",
                "password": senha,
                "is_staff": False,
                "is_superuser": False,
                "is_active": True,
                "date_joined": agora,
            }
            for n, uid in enumerate(ids_usuarios)
        ),
        rotulo="contas de pessoas",
    )
    usuarios = list(ids_usuarios)

    def pessoas():
        for n, pk in enumerate(ids_pessoas):
            nome = f"{al.choice(PRENOMES)} {al.choice(SOBRENOMES)} {al.choice(SOBRENOMES)}"
            cats = al.sample(categorias, al.choice((1, 1, 2)))
            publico = f"{nome.split()[0]} {dict(CategoriaProduto.choices)[cats[0]]} {n}"
            descricao = f"Produção própria de {dict(CategoriaProduto.choices)[cats[0]].lower()}."
            contexto.empreendedores.append(pk)
            yield {
                "id": pk,
                "usuario_id": usuarios[n] if n < len(usuarios) else None,
                "nome": nome,
                "nome_publico": publico,
                "cpf": cpf_de(base_cpf + n),
                "data_nascimento": contexto.hoje.replace(year=contexto.hoje.year - al.randint(18, 75), day=1),
                "telefone": f"11 9{al.randint(1000, 9999)}-{al.randint(1000, 9999)}",
                "territorio_id": contexto.territorios[n % len(contexto.territorios)],
                "categorias": list(cats),
                "descricao": descricao,
                "situacao_formalizacao": al.choice(situacoes),
                "cadunico": al.random() < 0.4,
                "publicar_vitrine": al.random() < 0.7 or n == 0,
                "ponto_cadastro_id": al.choice(contexto.pontos),
                "texto_busca": f"{nome} {publico} {descricao}".lower(),
                "criado_em": agora,
            }

    contexto.copiar(Empreendedor, pessoas())

    # Produtos com foto: produtos_por_pessoa por pessoa, todas apontando para poucas imagens.
    imagens = imagens_gerar(contexto)

    def produtos():
        for pk in contexto.empreendedores:
            for k in range(tam.produtos_por_pessoa):
                categoria = al.choice(categorias)
                foto = imagens[al.randrange(len(imagens))]
                yield {
                    "empreendedor_id": pk,
                    "nome": f"{al.choice(PRODUTOS[categoria])} {k + 1}",
                    "categoria": categoria,
                    "descricao": "Feito à mão, em pequena escala.",
                    "preco_referencia": f"{al.randint(5, 250)}.{al.randint(0, 99):02d}",
                    "foto": foto,
                    "miniatura": foto,
                    "publicado": True,
                    "criado_em": agora,
                }

    contexto.copiar(Produto, produtos(), rotulo="produtos (com foto)")
