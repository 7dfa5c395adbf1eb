"""Leituras do núcleo: escopo, agregações e consultas afinadas."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone

from pontos.extensoes import eventos_agenda
from pontos.models import Empreendedor, Infraestrutura, Ponto, Produto


def pontos_listar(*, territorio=None):
    consulta = (
        Ponto.objects.ativos()
        .select_related("territorio", "secretaria")
        .prefetch_related(Prefetch("infraestruturas", queryset=Infraestrutura.objects.order_by("tipo")))
    )
    if territorio:
        consulta = consulta.filter(territorio=territorio)
    return consulta


def agenda_proxima(*, dias=60, ponto=None, limite=None):
    agora = timezone.now()
    return eventos_agenda(inicio=agora, fim=agora + datetime.timedelta(days=dias), ponto=ponto, limite=limite)


def vitrine_listar():
    return (
        Empreendedor.objects.na_vitrine()
        .select_related("territorio")
        .prefetch_related(Prefetch("produtos", queryset=Produto.objects.filter(publicado=True).order_by("nome")))
        .order_by("-criado_em", "pk")
    )
