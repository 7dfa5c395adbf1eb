"""Dados de demonstração da formação (``manage.py demo_butanta``). Idempotente.

Cursos reais do início do programa: Boas Práticas na Cozinha Escola do CRESAN, MEI no CRESAN e
uma oficina artística da SMC na Casa de Cultura; uma turma já concluída, com certificados, e
turmas abertas com vagas.
"""

import datetime

from django.utils import timezone

from formacao import services
from formacao.models import Curso, Eixo, SituacaoTurma, Turma
from pontos.models import Papel, TipoEspaco, TipoQualificacao
from pontos.services.reservas import ConflitoReserva

CURSOS = [
    {
        "slug": "boas-praticas-manipulacao-alimentos",
        "nome": "Boas Práticas de Manipulação de Alimentos",
        "eixo": Eixo.BOAS_PRATICAS,
        "sec": "smdet",
        "resumo": "Higiene, conservação e segurança dos alimentos: exigido para bancas de alimentos prontos.",
        "ementa": "Higiene pessoal e do ambiente.\nContaminação e doenças transmitidas por alimentos.\n"
        "Recebimento, armazenamento e temperatura.\nLegislação sanitária municipal (CMVS) e cadastro.",
        "carga_horaria": 16,
        "validade_meses": 24,
        "concede": TipoQualificacao.BOAS_PRATICAS,
    },
    {
        "slug": "mei-na-pratica",
        "nome": "MEI na prática: formalize seu negócio",
        "eixo": Eixo.FORMALIZACAO,
        "sec": "smdet",
        "resumo": "Conta gov.br, inscrição MEI, CCM, Senha Web, DAS e DASN — passo a passo, com o celular.",
        "ementa": "Vantagens e obrigações do MEI.\nConta gov.br prata ou ouro.\nInscrição no Portal do Empreendedor.\n"
        "Inscrição municipal e Senha Web.\nDAS mensal e DASN anual.\nNota fiscal de serviço.",
        "carga_horaria": 8,
        "validade_meses": None,
        "concede": TipoQualificacao.FORMALIZACAO_MEI,
    },
    {
        "slug": "precificacao-e-fluxo-de-caixa",
        "nome": "Precificação e fluxo de caixa",
        "eixo": Eixo.GESTAO_FINANCAS,
        "sec": "smdet",
        "resumo": "Quanto cobrar, quanto sobra: custo, margem e controle do dinheiro do negócio.",
        "ementa": "Custos fixos e variáveis.\nFormação de preço.\nFluxo de caixa simples no caderno e no celular.\n"
        "Separar o dinheiro da casa e do negócio.",
        "carga_horaria": 12,
        "validade_meses": None,
        "concede": TipoQualificacao.GESTAO_FINANCAS,
    },
    {
        "slug": "vitrine-e-redes-sociais",
        "nome": "Vitrine e redes sociais para vender mais",
        "eixo": Eixo.COMERCIALIZACAO,
        "sec": "smdet",
        "resumo": "Fotografar produtos com o celular, montar a banca e divulgar nas redes.",
        "ementa": "Foto de produto com luz natural.\nMontagem de banca.\nWhatsApp Business e Instagram.",
        "carga_horaria": 8,
        "validade_meses": None,
        "concede": TipoQualificacao.COMERCIALIZACAO,
    },
    {
        "slug": "oficina-percussao-cortejo",
        "nome": "Oficina de percussão e cortejo",
        "eixo": Eixo.FORMACAO_ARTISTICA,
        "sec": "smc",
        "resumo": "Oficina artística da Casa de Cultura: ritmos brasileiros para cortejos e feiras.",
        "ementa": "Ritmos do samba de roda, maracatu e coco.\nConstrução de instrumentos.\nCortejo na feira.",
        "carga_horaria": 12,
        "validade_meses": None,
        "concede": TipoQualificacao.FORMACAO_ARTISTICA,
    },
]

# (curso, ponto, tipo do espaço, secretaria, nome da turma, instrutor, vagas, primeiro dia, encontros, hora, duração)
TURMAS = [
    ("boas-praticas-manipulacao-alimentos", "cresan-butanta", TipoEspaco.COZINHA, "smdet", "Turma de outubro",
     "Chef Regina Alves (Cozinha Escola)", 20, -40, 4, 9, 4),
    ("boas-praticas-manipulacao-alimentos", "cresan-butanta", TipoEspaco.COZINHA, "smdet", "Turma aberta",
     "Chef Regina Alves (Cozinha Escola)", 20, 8, 4, 9, 4),
    ("mei-na-pratica", "cresan-butanta", TipoEspaco.SALA, "smdet", "Turma aberta",
     "Paulo Henrique (Sebrae/SMDET)", 25, 5, 2, 14, 4),
    ("oficina-percussao-cortejo", "casa-de-cultura-butanta", TipoEspaco.SALA, "smc", "Oficina de verão",
     "Mestre Dinho do Coco", 15, 10, 4, 18, 3),
]  # fmt: skip


def _marcar(turma, dia, hora, duracao, por):
    for tentativa in range(7):
        inicio = timezone.make_aware(
            datetime.datetime.combine(dia + datetime.timedelta(days=tentativa), datetime.time(hora))
        )
        try:
            return services.encontro_criar(
                turma=turma, inicio=inicio, fim=inicio + datetime.timedelta(hours=duracao), por=por
            )
        except ConflitoReserva:
            continue
    return None


def demonstracao(*, demo):
    cursos = {}
    for dados in CURSOS:
        cursos[dados["slug"]], _ = Curso.objects.update_or_create(
            slug=dados["slug"],
            defaults={
                "nome": dados["nome"],
                "eixo": dados["eixo"],
                "secretaria": demo.secretarias[dados["sec"]],
                "resumo": dados["resumo"],
                "ementa": dados["ementa"],
                "carga_horaria": dados["carga_horaria"],
                "validade_meses": dados["validade_meses"],
                "concede": dados["concede"],
            },
        )
    hoje = timezone.localdate()
    for slug, ponto, tipo, sec, nome, instrutor, vagas, dia, n, hora, duracao in TURMAS:
        por = demo.equipe[(sec, Papel.GESTOR)]
        turma, criada = Turma.objects.get_or_create(
            curso=cursos[slug],
            ponto=demo.pontos[ponto],
            nome=nome,
            defaults={
                "espaco": demo.espacos[(ponto, tipo)],
                "secretaria": demo.secretarias[sec],
                "instrutor": instrutor,
                "vagas": vagas,
            },
        )
        if not criada:
            continue
        for semana in range(n):
            _marcar(turma, hoje + datetime.timedelta(days=dia + 7 * semana), hora, duracao, por)
        if dia < 0:
            _turma_concluida(turma, demo, por)
        else:
            # algumas pessoas já matriculadas na turma aberta (sobram vagas)
            for pessoa in demo.pessoas[6:9]:
                services.matricula_criar(turma=turma, empreendedor=pessoa)


def _turma_concluida(turma, demo, por):
    """Turma passada: quem vende alimento conclui e recebe certificado e qualificação."""
    matriculas = [services.matricula_criar(turma=turma, empreendedor=p) for p in demo.pessoas[:6]]
    for i, encontro in enumerate(turma.encontros.all()):
        presentes = [m.pk for j, m in enumerate(matriculas) if j != 5 or i == 0]
        services.presenca_lancar(encontro=encontro, presentes=presentes, por=por)
    if turma.situacao == SituacaoTurma.ABERTA:
        services.turma_concluir(turma=turma, por=por)
