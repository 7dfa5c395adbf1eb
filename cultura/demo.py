"""Dados de demonstração do Cultura: uma chamada aberta da SMC, dois artistas e a programação.

Idempotente: cada linha é procurada por uma chave natural antes de ser criada.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from cultura.models import Apresentacao, Artista, Chamada, Criterio, DocumentoExigido, EstadoChamada, Finalidade
from cultura.models.artistas import Linguagem, MembroColetivo, TipoArtista
from pontos.models import Papel, TipoEspaco

ARTISTAS = [
    # (índice da pessoa do demo, nome, tipo, linguagem, release, membros)
    (
        8,
        "Coletivo Estampa Sonora",
        TipoArtista.COLETIVO,
        Linguagem.MUSICA,
        "Samba de roda e forró pé de serra com instrumentos feitos de sucata, nascido nas feiras do Butantã.",
        [("Kauã Ribeiro", "percussão"), ("Dona Nena", "voz")],
    ),
    (
        11,
        "Cia. Bonecas da Rô",
        TipoArtista.INDIVIDUAL,
        Linguagem.TEATRO,
        "Teatro de bonecos de pano para crianças e famílias, com histórias da tradição oral.",
        [],
    ),
]


def _proximos_sabados(quantos):
    hoje = timezone.localdate()
    primeiro = hoje + datetime.timedelta(days=(5 - hoje.weekday()) % 7 or 7)
    return [primeiro + datetime.timedelta(weeks=n) for n in range(quantos)]


def demo_cultura(*, demo):
    from cultura.services import apresentacao_criar

    smc = demo.secretarias["smc"]
    gestor = demo.equipe[("smc", Papel.GESTOR)]
    agora = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    chamada, criada = Chamada.objects.get_or_create(
        secretaria=smc,
        titulo="Chamada Cultura nas Feiras do Butantã",
        defaults={
            "finalidade": Finalidade.APRESENTACOES,
            "descricao": "Apresentações de música, teatro, dança e cultura popular nas feiras dos Pontos do Butantã.",
            "elegibilidade": "Artistas e coletivos que vivem ou atuam no Butantã; maiores de 18 anos.",
            "abertura": agora - datetime.timedelta(days=2),
            "encerramento": agora + datetime.timedelta(days=30),
            "vagas": 6,
            "cache_valor": "800.00",
            "estado": EstadoChamada.PUBLICADA,
        },
    )
    if criada:
        for ordem, (nome, peso) in enumerate(
            [("Qualidade artística", 3), ("Relação com o território", 2), ("Viabilidade", 1)]
        ):
            Criterio.objects.create(chamada=chamada, nome=nome, peso=peso, ordem=ordem)
        DocumentoExigido.objects.create(chamada=chamada, nome="Portfólio (PDF)", ordem=0)
        DocumentoExigido.objects.create(chamada=chamada, nome="Foto de divulgação", obrigatorio=False, ordem=1)
        chamada.avaliadores.add(gestor, demo.equipe[("smc", Papel.OPERADOR)])

    artistas = []
    for indice, nome, tipo, linguagem, release, membros in ARTISTAS:
        pessoa = demo.pessoas[indice]
        artista, _ = Artista.objects.get_or_create(
            responsavel=pessoa,
            nome_artistico=nome,
            defaults={"tipo": tipo, "linguagem": linguagem, "release": release, "links_portfolio": []},
        )
        for nome_membro, funcao in membros:
            MembroColetivo.objects.get_or_create(artista=artista, nome=nome_membro, defaults={"funcao": funcao})
        artistas.append(artista)
        if pessoa.usuario_id and all(email != pessoa.usuario.email for email, _rotulo in demo.logins):
            demo.logins.append((pessoa.usuario.email, f"Artista: {nome} ({pessoa.nome})"))

    palcos = [
        demo.espacos.get(("casa-de-cultura-butanta", TipoEspaco.PALCO)),
        demo.espacos.get(("parque-do-jockey", TipoEspaco.PALCO)),
    ]
    fuso = timezone.get_current_timezone()
    for numero, sabado in enumerate(_proximos_sabados(3)):
        for posicao, espaco in enumerate(p for p in palcos if p is not None):
            artista = artistas[(numero + posicao) % len(artistas)]
            inicio = datetime.datetime.combine(sabado, datetime.time(11 + 3 * posicao), tzinfo=fuso)
            if Apresentacao.objects.filter(artista=artista, inicio=inicio).exists():
                continue
            try:
                apresentacao_criar(
                    artista=artista,
                    espaco=espaco,
                    inicio=inicio,
                    duracao_minutos=60,
                    titulo=f"{artista.get_linguagem_display()} na feira",
                    descricao=artista.release,
                    cache=chamada.cache_valor,
                    por=gestor,
                )
            except ValidationError:
                continue  # espaço ocupado por outro programa: a demonstração segue sem esta
