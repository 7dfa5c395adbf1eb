"""Leituras do núcleo: escopo, agregações e consultas afinadas."""

import dataclasses
import datetime

from django.db.models import Prefetch
from django.utils import timezone

from pontos.extensoes import eventos_agenda
from pontos.models import Empreendedor, Espaco, FotoPonto, Infraestrutura, Ponto, Produto, Reserva

SEMANAS_OCUPACAO = 4


def pontos_listar(*, territorio=None):
    consulta = (
        Ponto.objects.ativos()
        .select_related("territorio", "secretaria")
        .prefetch_related(Prefetch("infraestruturas", queryset=Infraestrutura.objects.order_by("tipo")))
    )
    if territorio:
        consulta = consulta.filter(territorio=territorio)
    return consulta


def pontos_mapa(pontos):
    """Dados mínimos para o mapa (vão à página por ``json_script``)."""
    return [
        {
            "nome": p.nome,
            "url": p.get_absolute_url(),
            "lat": float(p.latitude),
            "lon": float(p.longitude),
            "tipo": p.get_tipo_display(),
        }
        for p in pontos
        if p.latitude is not None and p.longitude is not None
    ]


def ponto_publico_obter(*, slug, semanas=SEMANAS_OCUPACAO):
    """Um Ponto ativo com infraestrutura, fotos e a ocupação dos espaços nas próximas semanas.

    A ocupação vem de ``Reserva`` (todos os programas): cada espaço traz ``reservas_proximas``.
    """
    agora = timezone.now()
    reservas = (
        Reserva.objects.ativas()
        .filter(fim__gt=agora, inicio__lt=agora + datetime.timedelta(weeks=semanas))
        .select_related("secretaria")
        .order_by("inicio")
    )
    consulta = pontos_listar().prefetch_related(
        Prefetch("fotos", queryset=FotoPonto.objects.order_by("pk")),
        Prefetch(
            "espacos",
            queryset=Espaco.objects.order_by("nome").prefetch_related(
                Prefetch("reservas", queryset=reservas, to_attr="reservas_proximas")
            ),
        ),
    )
    return consulta.get(slug=slug)


@dataclasses.dataclass(frozen=True)
class FiltroAgenda:
    inicio: datetime.date
    fim: datetime.date
    ponto: Ponto | None = None
    territorio_id: int | None = None
    tipo: str = ""


def agenda_proxima(*, dias=60, ponto=None, limite=None):
    agora = timezone.now()
    return eventos_agenda(inicio=agora, fim=agora + datetime.timedelta(days=dias), ponto=ponto, limite=limite)


def agenda_filtrar(*, filtro):
    """Eventos públicos do período, filtrados por Ponto, território e tipo."""
    fuso = timezone.get_current_timezone()
    inicio = datetime.datetime.combine(filtro.inicio, datetime.time.min, tzinfo=fuso)
    fim = datetime.datetime.combine(filtro.fim, datetime.time.max, tzinfo=fuso)
    eventos = eventos_agenda(inicio=inicio, fim=fim, ponto=filtro.ponto)
    if filtro.territorio_id:
        pontos = set(Ponto.objects.filter(territorio_id=filtro.territorio_id).values_list("pk", flat=True))
        eventos = [e for e in eventos if e.ponto_id in pontos]
    if filtro.tipo:
        eventos = [e for e in eventos if e.tipo == filtro.tipo]
    return eventos


def vitrine_listar():
    return (
        Empreendedor.objects.na_vitrine()
        .select_related("territorio")
        .prefetch_related(
            Prefetch(
                "produtos",
                queryset=Produto.objects.filter(publicado=True).order_by("nome"),
                to_attr="produtos_publicados",
            )
        )
        .order_by("-criado_em", "-pk")
    )


def empreendedor_publico_obter(*, pk):
    """Só quem escolheu aparecer na vitrine (e não foi anonimizado)."""
    return vitrine_listar().get(pk=pk)
