"""Leituras das feiras: escopo, agregações e consultas afinadas (sem N+1)."""

import dataclasses

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from feiras.models import (
    Alocacao,
    Banca,
    CategoriaFeira,
    Feira,
    Inscricao,
    LayoutBancas,
    StatusFeira,
    StatusInscricao,
)
from pontos.extensoes import eventos_agenda

CORES_CATEGORIA = {
    "": "#5c5c5c",
    "artesanato": "#8a1c7c",
    "produtos_naturais": "#2e6b30",
    "alimentos_prontos": "#a3340f",
    "hortifruti": "#00695c",
    "outros": "#1d4e89",
}
PASSO = 44  # tamanho, em unidades SVG, de uma célula da grade


def feiras_publicas(*, a_partir=None):
    hoje = a_partir or timezone.localdate()
    return (
        Feira.objects.publicas()
        .filter(data__gte=hoje)
        .select_related("ponto", "secretaria")
        .order_by("data", "hora_inicio", "pk")
    )


def feira_publica_obter(pk):
    return (
        Feira.objects.publicas()
        .select_related("ponto__territorio", "secretaria", "sorteio")
        .prefetch_related(Prefetch("categorias", queryset=CategoriaFeira.objects.order_by("categoria")))
        .filter(pk=pk)
        .first()
    )


def feiras_da_equipe(*, usuario):
    return (
        Feira.objects.visiveis_para(usuario)
        .select_related("ponto", "secretaria")
        .annotate(
            n_inscricoes=Count("inscricoes", distinct=True),
            n_recebidas=Count("inscricoes", filter=Q(inscricoes__status=StatusInscricao.RECEBIDA), distinct=True),
        )
        .order_by("-data", "-pk")
    )


def fila_inscricoes(*, feira):
    return (
        Inscricao.objects.filter(feira=feira)
        .select_related("empreendedor__territorio", "categoria", "alocacao__banca")
        .order_by("status", "categoria__categoria", "posicao_espera", "criada_em", "pk")
    )


def inscricoes_da_pessoa(*, empreendedor):
    return (
        Inscricao.objects.da_pessoa(empreendedor)
        .select_related("feira__ponto", "categoria", "alocacao__banca", "relato")
        .order_by("-feira__data", "-pk")
    )


def inscricao_da_pessoa_obter(*, empreendedor, pk):
    from django.http import Http404

    inscricao = inscricoes_da_pessoa(empreendedor=empreendedor).filter(pk=pk).first()
    if inscricao is None:
        raise Http404
    return inscricao


def contagem_por_status(*, feira):
    return dict(
        Inscricao.objects.filter(feira=feira).values("status").annotate(n=Count("pk")).values_list("status", "n")
    )


def programacao_cultural(*, feira):
    """Eventos de outros programas no mesmo Ponto durante a feira."""
    return [e for e in eventos_agenda(inicio=feira.inicio, fim=feira.fim, ponto=feira.ponto) if e.tipo != "feira"]


@dataclasses.dataclass
class CelulaMapa:
    numero: int
    x: int
    y: int
    largura: int
    altura: int
    cor: str
    rotulo: str
    ocupada: bool
    destaque: bool


@dataclasses.dataclass
class Mapa:
    largura: int
    altura: int
    celulas: list
    legenda: list


def mapa_montar(*, feira=None, ponto=None, destaque_banca_id=None):
    """Dados do mapa SVG desenhado no servidor: bancas na grade, ocupação e a banca em destaque."""
    ponto_id = feira.ponto_id if feira else ponto.pk
    layout = LayoutBancas.objects.filter(ponto_id=ponto_id).first()
    if layout is None:
        return None
    bancas = list(Banca.objects.filter(layout=layout, ativa=True).order_by("numero"))
    ocupadas = set(Alocacao.objects.filter(feira=feira).values_list("banca_id", flat=True)) if feira else set()
    rotulos = dict(Banca._meta.get_field("categoria").choices)
    celulas = [
        CelulaMapa(
            numero=b.numero,
            x=(b.x - 1) * PASSO + 4,
            y=(b.y - 1) * PASSO + 4,
            largura=PASSO - 8,
            altura=PASSO - 8,
            cor="#0b3d91" if b.pk == destaque_banca_id else CORES_CATEGORIA.get(b.categoria, "#5c5c5c"),
            rotulo=str(rotulos.get(b.categoria) or "Qualquer categoria"),
            ocupada=b.pk in ocupadas,
            destaque=b.pk == destaque_banca_id,
        )
        for b in bancas
    ]
    presentes = sorted({b.categoria for b in bancas})
    legenda = [(c or "qualquer", str(rotulos.get(c) or "Qualquer categoria")) for c in presentes]
    colunas = max([layout.colunas, *(b.x for b in bancas)])
    linhas = max([layout.linhas, *(b.y for b in bancas)])
    return Mapa(largura=colunas * PASSO, altura=linhas * PASSO, celulas=celulas, legenda=legenda)


def sorteio_linhas(*, sorteio, itens):
    """Linhas de uma página da lista publicada, com nome abreviado (LGPD) e a chave de desempate."""
    from feiras.services import chave_sorteio

    nomes = dict(Inscricao.objects.filter(pk__in=[i["id"] for i in itens]).values_list("pk", "empreendedor__nome"))
    return [
        {**item, "nome": abreviar(nomes.get(item["id"], "")), "chave": chave_sorteio(sorteio.semente, item["id"])}
        for item in itens
    ]


def abreviar(nome):
    partes = nome.split()
    if not partes:
        return ""
    return " ".join([partes[0], *[p[0] + "." for p in partes[1:] if p[0].isalpha()]])


def feiras_com_inscricoes_recebidas(*, usuario):
    return (
        Feira.objects.visiveis_para(usuario)
        .filter(status=StatusFeira.AGENDADA, inscricoes__status=StatusInscricao.RECEBIDA)
        .annotate(n=Count("inscricoes"))
        .order_by("data")
    )
