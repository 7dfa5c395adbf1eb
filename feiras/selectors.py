"""Leituras das feiras: escopo, agregações e consultas afinadas (sem N+1)."""

import dataclasses

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

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


INSCRICAO_CACHE_SEGUNDOS = 60


def _chave_inscricao(pk):
    return f"feiras:inscricao:{pk}"


def feira_para_inscricao(pk):
    """A feira (com o Ponto) e suas categorias, como o envio de uma inscrição as lê; ``None`` se não é pública.

    Quando a chamada abre, milhares de pessoas enviam a inscrição para a mesma feira: ela sai do
    cache, e cada gravação da feira ou de uma categoria a apaga de lá (``feira_inscricao_esquecer``,
    ligado aos sinais em ``feiras.apps``). O que a inscrição decide com isso — janela, categorias,
    requisitos — não depende das contagens de aprovadas, que o cache não guarda atualizadas.
    """
    chave = _chave_inscricao(pk)
    dados = cache.get(chave)
    if dados is None:
        feira = Feira.objects.publicas().select_related("ponto").filter(pk=pk).first()
        if feira is None:
            return None
        dados = (feira, list(CategoriaFeira.objects.filter(feira=feira).order_by("categoria")))
        cache.set(chave, dados, INSCRICAO_CACHE_SEGUNDOS)
    return dados


def feira_inscricao_esquecer(pk):
    cache.delete(_chave_inscricao(pk))


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

    def svg_celulas(self):
        """As bancas do SVG, montadas em Python: com 100 bancas, o laço no template custava mais que a página."""
        return format_html_join(
            "",
            '<g><rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="{}" stroke-width="{}" '
            'stroke-dasharray="{}"></rect><text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text></g>',
            (
                (
                    c.x,
                    c.y,
                    c.largura,
                    c.altura,
                    "#ffffff" if c.ocupada and not c.destaque else c.cor,
                    "#f5a623" if c.destaque else "#222222",
                    5 if c.destaque else 1.5,
                    "4 3" if c.ocupada and not c.destaque else "none",
                    c.x + 18,
                    c.y + 23,
                    "#222222" if c.ocupada and not c.destaque else "#ffffff",
                    c.numero,
                )
                for c in self.celulas
            ),
        )

    def descricao(self):
        """O texto alternativo do mapa: cada banca, sua categoria e se está ocupada (ou é a sua)."""
        banca, sua, ocupada = _("Banca"), _("a sua"), _("ocupada")
        return " ".join(
            f"{banca} {c.numero} ({c.rotulo}{', ' + sua if c.destaque else (', ' + ocupada if c.ocupada else '')})."
            for c in self.celulas
        )


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
