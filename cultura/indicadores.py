"""Indicadores do Cultura para o Painel de Governo (por Ponto e mês, via ponto de extensão)."""

import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cultura.models import Apresentacao, EstadoProposta, ProjetoEspetaculo, Proposta
from cultura.models.programacao import EtapaProjeto
from pontos.extensoes import Indicador, ValorIndicador


def _momento(valor, fim=False):
    if isinstance(valor, datetime.datetime):
        return valor
    dia = valor + datetime.timedelta(days=1) if fim else valor
    return timezone.make_aware(datetime.datetime.combine(dia, datetime.time.min))


def _mes(valor):
    if valor is None:
        return None
    if isinstance(valor, datetime.datetime):
        valor = timezone.localtime(valor) if timezone.is_aware(valor) else valor
        return valor.date().replace(day=1)
    return valor.replace(day=1)


def _apresentacoes(inicio, fim, pontos, secretarias):
    consulta = Apresentacao.objects.ativas().filter(inicio__gte=_momento(inicio), inicio__lt=_momento(fim, True))
    if pontos:
        consulta = consulta.filter(ponto__in=pontos)
    if secretarias:
        consulta = consulta.filter(secretaria__in=secretarias)
    return consulta.annotate(mes=TruncMonth("inicio")).values("ponto_id", "mes", "secretaria_id")


def _por_ponto_mes(linhas, campo):
    return [
        ValorIndicador(
            valor=linha[campo] or 0,
            ponto_id=linha["ponto_id"],
            mes=_mes(linha["mes"]),
            secretaria_id=linha["secretaria_id"],
        )
        for linha in linhas
        if linha[campo] is not None
    ]


def apresentacoes(*, inicio, fim, pontos=None, secretarias=None):
    return _por_ponto_mes(_apresentacoes(inicio, fim, pontos, secretarias).annotate(n=Count("pk")), "n")


def publico_estimado(*, inicio, fim, pontos=None, secretarias=None):
    linhas = _apresentacoes(inicio, fim, pontos, secretarias).annotate(n=Sum("publico_estimado"))
    return _por_ponto_mes(linhas, "n")


def artistas_apoiados(*, inicio, fim, pontos=None, secretarias=None):
    linhas = _apresentacoes(inicio, fim, pontos, secretarias).annotate(n=Count("artista", distinct=True))
    return _por_ponto_mes(linhas, "n")


def caches_pagos(*, inicio, fim, pontos=None, secretarias=None):
    linhas = _apresentacoes(inicio, fim, pontos, secretarias).annotate(n=Sum("cache"))
    return _por_ponto_mes(linhas, "n")


def _propostas(inicio, fim, secretarias, filtro=None):
    consulta = Proposta.objects.filter(enviada_em__gte=_momento(inicio), enviada_em__lt=_momento(fim, True))
    if filtro is not None:
        consulta = consulta.filter(filtro)
    if secretarias:
        consulta = consulta.filter(chamada__secretaria__in=secretarias)
    linhas = (
        consulta.annotate(mes=TruncMonth("enviada_em"))
        .values("mes", "chamada__secretaria_id")
        .annotate(n=Count("pk"))
        .order_by("mes")
    )
    return [
        ValorIndicador(valor=li["n"], mes=_mes(li["mes"]), secretaria_id=li["chamada__secretaria_id"]) for li in linhas
    ]


def propostas_recebidas(*, inicio, fim, pontos=None, secretarias=None):
    return _propostas(inicio, fim, secretarias, ~Q(estado=EstadoProposta.RASCUNHO))


def propostas_selecionadas(*, inicio, fim, pontos=None, secretarias=None):
    return _propostas(inicio, fim, secretarias, Q(estado=EstadoProposta.SELECIONADA))


def projetos_por_etapa(*, inicio, fim, pontos=None, secretarias=None):
    consulta = ProjetoEspetaculo.objects.filter(criado_em__lt=_momento(fim, True))
    if secretarias:
        consulta = consulta.filter(secretaria__in=secretarias)
    rotulos = dict(EtapaProjeto.choices)
    linhas = consulta.values("etapa", "secretaria_id").annotate(n=Count("pk")).order_by("etapa")
    return [
        ValorIndicador(
            valor=li["n"], secretaria_id=li["secretaria_id"], detalhe=str(rotulos.get(li["etapa"], li["etapa"]))
        )
        for li in linhas
    ]


def oficinas_artisticas(*, inicio, fim, pontos=None, secretarias=None):
    """Oficinas de formação artística lidas da agenda do núcleo (sem importar ``formacao``)."""
    from cultura.selectors import eh_oficina_artistica
    from pontos.extensoes import eventos_agenda

    contagem = {}
    for evento in eventos_agenda(inicio=_momento(inicio), fim=_momento(fim, True)):
        if not eh_oficina_artistica(evento):
            continue
        if pontos and evento.ponto_id not in set(pontos):
            continue
        chave = (evento.ponto_id, _mes(evento.inicio))
        contagem[chave] = contagem.get(chave, 0) + 1
    return [ValorIndicador(valor=n, ponto_id=p, mes=m) for (p, m), n in sorted(contagem.items(), key=str)]


def participantes_oficinas(*, inicio, fim, pontos=None, secretarias=None):
    """Participantes das oficinas artísticas: o maior número de inscritos de cada oficina no mês."""
    from cultura.selectors import eh_oficina_artistica
    from pontos.extensoes import eventos_agenda

    por_oficina = {}
    for evento in eventos_agenda(inicio=_momento(inicio), fim=_momento(fim, True)):
        if not eh_oficina_artistica(evento) or evento.participantes is None:
            continue
        if pontos and evento.ponto_id not in set(pontos):
            continue
        chave = (evento.ponto_id, _mes(evento.inicio), evento.url, evento.titulo)
        por_oficina[chave] = max(por_oficina.get(chave, 0), evento.participantes)
    contagem = {}
    for (ponto_id, mes, _url, _titulo), n in por_oficina.items():
        contagem[(ponto_id, mes)] = contagem.get((ponto_id, mes), 0) + n
    return [ValorIndicador(valor=n, ponto_id=p, mes=m) for (p, m), n in sorted(contagem.items(), key=str)]


INDICADORES = [
    Indicador("cultura.apresentacoes", _("Apresentações culturais"), "Cultura", "apresentações", apresentacoes),
    Indicador(
        "cultura.publico_estimado", _("Público estimado das apresentações"), "Cultura", "pessoas", publico_estimado
    ),
    Indicador(
        "cultura.artistas_apoiados", _("Artistas e coletivos apresentados"), "Cultura", "artistas", artistas_apoiados
    ),
    Indicador(
        "cultura.propostas_recebidas", _("Propostas recebidas em chamadas"), "Cultura", "propostas", propostas_recebidas
    ),
    Indicador(
        "cultura.propostas_selecionadas",
        _("Propostas selecionadas em chamadas"),
        "Cultura",
        "propostas",
        propostas_selecionadas,
    ),
    Indicador(
        "cultura.projetos_por_etapa", _("Projetos de espetáculo por etapa"), "Cultura", "projetos", projetos_por_etapa
    ),
    Indicador(
        "cultura.oficinas_artisticas",
        _("Encontros de oficinas artísticas (agenda)"),
        "Cultura",
        "encontros",
        oficinas_artisticas,
    ),
    Indicador(
        "cultura.participantes_oficinas",
        _("Participantes de oficinas artísticas"),
        "Cultura",
        "pessoas",
        participantes_oficinas,
    ),
    Indicador("cultura.caches", _("Cachês pagos a artistas"), "Cultura", "R$", caches_pagos, sustentabilidade="custo"),
]
