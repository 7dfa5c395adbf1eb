"""Leituras do programa Cultura: escopo, ranking e consultas afinadas."""

import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from cultura.models import (
    Apresentacao,
    Artista,
    Avaliacao,
    Chamada,
    Criterio,
    DocumentoExigido,
    DocumentoProposta,
    EstadoChamada,
    EstadoProposta,
    NotaCriterio,
    ProjetoEspetaculo,
    Proposta,
    Recurso,
)
from pontos.escopo import obter_para
from pontos.extensoes import eventos_agenda

TRES_CASAS = Decimal("0.001")


# --- Ranking -------------------------------------------------------------------------------


@dataclasses.dataclass
class LinhaRanking:
    proposta: Proposta
    nota: Decimal
    avaliacoes: int


def nota_da_avaliacao(avaliacao, criterios):
    """Média ponderada pelos pesos dos critérios, numa avaliação concluída."""
    pesos = {c.pk: c.peso for c in criterios}
    total_pesos = sum(pesos.values()) or 1
    soma = sum(Decimal(n.nota) * pesos.get(n.criterio_id, 0) for n in avaliacao.notas.all())
    return soma / total_pesos


def ranking_calcular(*, chamada, revistas=None):
    """Propostas enviadas com a nota final (média das avaliações concluídas), da maior para a menor.

    ``revistas`` ({proposta_id: nota}) substitui a nota de propostas com recurso deferido.
    Desempate: quem enviou primeiro.
    """
    revistas = revistas or {}
    criterios = list(chamada.criterios.all())
    propostas = (
        Proposta.objects.filter(chamada=chamada)
        .exclude(estado=EstadoProposta.RASCUNHO)
        .select_related("artista")
        .prefetch_related(
            Prefetch(
                "avaliacoes",
                queryset=Avaliacao.objects.concluidas().prefetch_related("notas"),
                to_attr="avaliacoes_concluidas",
            )
        )
    )
    linhas = []
    for proposta in propostas:
        avaliacoes = proposta.avaliacoes_concluidas
        if proposta.pk in revistas:
            nota = Decimal(revistas[proposta.pk])
        elif avaliacoes:
            nota = sum(nota_da_avaliacao(a, criterios) for a in avaliacoes) / len(avaliacoes)
        else:
            nota = Decimal("0")
        linhas.append(LinhaRanking(proposta, nota.quantize(TRES_CASAS, ROUND_HALF_UP), len(avaliacoes)))
    linhas.sort(key=lambda linha: (-linha.nota, linha.proposta.enviada_em or timezone.now(), linha.proposta.pk))
    return linhas


# --- Público -------------------------------------------------------------------------------


def chamadas_publicas():
    return Chamada.objects.publicas().select_related("secretaria").order_by("-abertura", "pk")


def chamada_publica_obter(pk):
    return (
        Chamada.objects.publicas()
        .select_related("secretaria")
        .prefetch_related("criterios", "documentos_exigidos")
        .get(pk=pk)
    )


def resultado_da_chamada(chamada):
    """Lista publicada: posição, artista, nota e situação (sem dados pessoais)."""
    if not chamada.resultado_visivel:
        return []
    return list(
        chamada.propostas.exclude(estado=EstadoProposta.RASCUNHO).select_related("artista").order_by("posicao", "pk")
    )


def artistas_publicos(*, linguagem=None):
    consulta = Artista.objects.publicados().prefetch_related("fotos").order_by("nome_artistico", "pk")
    if linguagem:
        consulta = consulta.filter(linguagem=linguagem)
    return consulta


def artista_publico_obter(pk):
    return Artista.objects.publicados().select_related("responsavel").prefetch_related("fotos", "membros").get(pk=pk)


def apresentacoes_proximas(*, artista=None, ponto=None, dias=120, limite=50):
    agora = timezone.now()
    consulta = Apresentacao.objects.entre(agora, agora + datetime.timedelta(days=dias)).select_related(
        "ponto", "espaco", "artista"
    )
    if artista is not None:
        consulta = consulta.filter(artista=artista)
    if ponto is not None:
        consulta = consulta.filter(ponto=ponto)
    return consulta.order_by("inicio", "pk")[:limite]


def eh_oficina_artistica(evento):
    """Encontro de oficina artística na agenda do núcleo (a formação marca ``tipo="oficina"``)."""
    return evento.tipo == "oficina" or "formacao_artistica" in evento.concede


def oficinas_artisticas(*, dias=90, limite=20):
    """Oficinas de formação artística de qualquer programa, lidas pela agenda do núcleo."""
    agora = timezone.now()
    eventos = eventos_agenda(inicio=agora, fim=agora + datetime.timedelta(days=dias))
    return [e for e in eventos if eh_oficina_artistica(e)][:limite]


def oficinas_do_artista(*, artista, oficinas):
    """Oficinas em que a conta responsável pelo artista é quem conduz (``EventoAgenda.responsaveis``).

    A formação publica na agenda a conta do(a) instrutor(a); a cultura lê só a agenda do núcleo.
    """
    usuario_id = artista.responsavel.usuario_id
    return [e for e in oficinas if usuario_id and usuario_id in e.responsaveis]


def apresentacao_publica_obter(pk):
    return Apresentacao.objects.ativas().select_related("ponto", "espaco", "artista").get(pk=pk)


# --- Minha conta ----------------------------------------------------------------------------


def artistas_da_pessoa(empreendedor):
    if empreendedor is None:
        return Artista.objects.none()
    return Artista.objects.de_pessoa(empreendedor).annotate(total_fotos=Count("fotos")).order_by("nome_artistico")


def apresentacoes_da_pessoa(empreendedor, limite=10):
    """Próximas apresentações dos perfis artísticos da pessoa."""
    if empreendedor is None:
        return []
    agora = timezone.now()
    return list(
        Apresentacao.objects.ativas()
        .filter(artista__responsavel=empreendedor, fim__gte=agora)
        .select_related("ponto", "espaco", "artista")
        .order_by("inicio", "pk")[:limite]
    )


def propostas_da_pessoa(empreendedor):
    if empreendedor is None:
        return Proposta.objects.none()
    return (
        Proposta.objects.da_pessoa(empreendedor)
        .select_related("chamada", "artista")
        .annotate(tem_recurso=Exists(Recurso.objects.filter(proposta=OuterRef("pk"))))
        .order_by("-criada_em", "pk")
    )


def proposta_da_pessoa_obter(*, empreendedor, pk):
    return obter_para_pessoa(
        Proposta.objects.select_related("chamada", "artista", "recurso").prefetch_related(
            Prefetch("documentos", queryset=DocumentoProposta.objects.select_related("exigido")),
            Prefetch("chamada__documentos_exigidos", queryset=DocumentoExigido.objects.order_by("ordem", "pk")),
        ),
        campo="artista__responsavel",
        empreendedor=empreendedor,
        pk=pk,
    )


def obter_para_pessoa(consulta, *, campo, empreendedor, pk):
    """Objeto da própria pessoa, ou 404 ("inexistente" e "alheio" respondem igual)."""
    from django.http import Http404

    if empreendedor is None:
        raise Http404
    try:
        return consulta.get(pk=pk, **{campo: empreendedor})
    except (consulta.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- Gestão ---------------------------------------------------------------------------------


def chamadas_da_equipe(*, usuario):
    return (
        Chamada.objects.visiveis_para(usuario)
        .select_related("secretaria")
        .annotate(
            total_enviadas=Count("propostas", filter=~Q(propostas__estado=EstadoProposta.RASCUNHO), distinct=True)
        )
        .order_by("-abertura", "pk")
    )


def chamada_da_equipe_obter(*, usuario, pk):
    return obter_para(
        Chamada.objects.select_related("secretaria").prefetch_related(
            Prefetch("criterios", queryset=Criterio.objects.order_by("ordem", "pk")), "avaliadores"
        ),
        usuario=usuario,
        pk=pk,
    )


def propostas_da_chamada_para_equipe(*, chamada, usuario):
    """Propostas enviadas, com a marca de "já avaliei" do usuário e o recurso, se houver."""
    return (
        Proposta.objects.visiveis_para(usuario)
        .filter(chamada=chamada)
        .exclude(estado=EstadoProposta.RASCUNHO)
        .select_related("artista", "recurso")
        .annotate(
            minha_concluida=Exists(
                Avaliacao.objects.filter(proposta=OuterRef("pk"), avaliador=usuario, concluida_em__isnull=False)
            ),
            concluidas=Count("avaliacoes", filter=Q(avaliacoes__concluida_em__isnull=False), distinct=True),
        )
        .order_by("posicao", "enviada_em", "pk")
    )


def proposta_da_equipe_obter(*, usuario, pk):
    return obter_para(
        Proposta.objects.select_related("chamada__secretaria", "artista").prefetch_related(
            Prefetch("documentos", queryset=DocumentoProposta.objects.select_related("exigido")),
            Prefetch("chamada__criterios", queryset=Criterio.objects.order_by("ordem", "pk")),
            "chamada__avaliadores",
        ),
        usuario=usuario,
        pk=pk,
    )


def avaliacoes_visiveis(*, proposta, usuario):
    """Avaliação cega: a própria sempre; as dos outros só depois de concluir a sua.

    Devolve (minha_avaliacao_ou_None, lista_das_outras_concluidas).
    """
    avaliacoes = list(
        Avaliacao.objects.filter(proposta=proposta)
        .select_related("avaliador")
        .prefetch_related(Prefetch("notas", queryset=NotaCriterio.objects.select_related("criterio")))
    )
    minha = next((a for a in avaliacoes if a.avaliador_id == usuario.pk), None)
    pode_ver = (minha is not None and minha.concluida_em is not None) or proposta.chamada.resultado_visivel
    outras = [a for a in avaliacoes if a is not minha and a.concluida_em] if pode_ver else []
    return minha, outras


def recurso_da_equipe_obter(*, usuario, pk):
    return obter_para(Recurso.objects.select_related("proposta__chamada", "proposta__artista"), usuario=usuario, pk=pk)


def apresentacoes_da_equipe(*, usuario):
    return (
        Apresentacao.objects.visiveis_para(usuario)
        .select_related("ponto", "espaco", "artista", "secretaria")
        .order_by("-inicio", "pk")
    )


def apresentacao_da_equipe_obter(*, usuario, pk):
    return obter_para(
        Apresentacao.objects.select_related("ponto", "espaco", "artista", "secretaria", "proposta"),
        usuario=usuario,
        pk=pk,
    )


def projetos_da_equipe(*, usuario):
    return ProjetoEspetaculo.objects.visiveis_para(usuario).select_related("artista", "chamada", "secretaria")


def projeto_da_equipe_obter(*, usuario, pk):
    return obter_para(
        ProjetoEspetaculo.objects.select_related("artista", "chamada", "estreia").prefetch_related(
            "ensaios__espaco__ponto"
        ),
        usuario=usuario,
        pk=pk,
    )


def propostas_a_avaliar(*, usuario):
    return (
        Proposta.objects.visiveis_para(usuario)
        .filter(chamada__estado=EstadoChamada.AVALIACAO, chamada__avaliadores=usuario, estado=EstadoProposta.ENVIADA)
        .exclude(
            Exists(Avaliacao.objects.filter(proposta=OuterRef("pk"), avaliador=usuario, concluida_em__isnull=False))
        )
    )


def recursos_a_responder(*, usuario):
    return Recurso.objects.editaveis_por(usuario).filter(
        respondido_em__isnull=True, proposta__chamada__estado=EstadoChamada.RESULTADO
    )
