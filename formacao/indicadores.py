"""Indicadores da formação para o Painel de Governo (por Ponto e mês; o ``governo`` consolida)."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from formacao import trilha
from formacao.models import Certificado, EtapaFormalizacao, Matricula, PassoFormalizacao, SituacaoMatricula
from pontos.extensoes import Indicador, ValorIndicador
from pontos.models import SituacaoFormalizacao

PROGRAMA = _("Formação")
ENCERRADAS = (SituacaoMatricula.CONCLUIDA, SituacaoMatricula.NAO_CONCLUIDA)
CONTAM = (SituacaoMatricula.CONFIRMADA, *ENCERRADAS)


def _mes(valor):
    if valor is None:
        return None
    if isinstance(valor, datetime.datetime):
        valor = timezone.localtime(valor).date() if timezone.is_aware(valor) else valor.date()
    return valor.replace(day=1)


def _momento(dia, *, fim=False):
    if isinstance(dia, datetime.datetime):
        return dia
    momento = datetime.datetime.combine(dia, datetime.time.max if fim else datetime.time.min)
    return timezone.make_aware(momento)


def _matriculas(inicio, fim, pontos, secretarias, campo):
    consulta = Matricula.objects.filter(**{f"{campo}__gte": _momento(inicio), f"{campo}__lte": _momento(fim, fim=True)})
    if pontos:
        consulta = consulta.filter(turma__ponto__in=pontos)
    if secretarias:
        consulta = consulta.filter(turma__secretaria__in=secretarias)
    return consulta


def _por_ponto_mes(consulta, campo, valor):
    linhas = (
        consulta.annotate(mes=TruncMonth(campo))
        .values("turma__ponto_id", "turma__secretaria_id", "mes")
        .annotate(v=valor)
        .order_by()
    )
    return [
        ValorIndicador(
            valor=linha["v"] or 0,
            ponto_id=linha["turma__ponto_id"],
            mes=_mes(linha["mes"]),
            secretaria_id=linha["turma__secretaria_id"],
        )
        for linha in linhas
    ]


def matriculas(*, inicio, fim, pontos=None, secretarias=None):
    consulta = _matriculas(inicio, fim, pontos, secretarias, "criada_em").filter(situacao__in=CONTAM)
    return _por_ponto_mes(consulta, "criada_em", Count("pk"))


def concluintes(*, inicio, fim, pontos=None, secretarias=None):
    consulta = _matriculas(inicio, fim, pontos, secretarias, "concluida_em").filter(
        situacao=SituacaoMatricula.CONCLUIDA
    )
    return _por_ponto_mes(consulta, "concluida_em", Count("empreendedor", distinct=True))


def horas(*, inicio, fim, pontos=None, secretarias=None):
    consulta = _matriculas(inicio, fim, pontos, secretarias, "concluida_em").filter(
        situacao=SituacaoMatricula.CONCLUIDA
    )
    return _por_ponto_mes(consulta, "concluida_em", Sum(F("turma__curso__carga_horaria")))


def taxa_conclusao(*, inicio, fim, pontos=None, secretarias=None):
    consulta = _matriculas(inicio, fim, pontos, secretarias, "concluida_em").filter(situacao__in=ENCERRADAS)
    linhas = (
        consulta.annotate(mes=TruncMonth("concluida_em"))
        .values("turma__ponto_id", "turma__secretaria_id", "mes")
        .annotate(total=Count("pk"), ok=Count("pk", filter=Q(situacao=SituacaoMatricula.CONCLUIDA)))
        .order_by()
    )
    return [
        ValorIndicador(
            valor=(Decimal(100 * linha["ok"]) / linha["total"]).quantize(Decimal("0.1")),
            ponto_id=linha["turma__ponto_id"],
            mes=_mes(linha["mes"]),
            secretaria_id=linha["turma__secretaria_id"],
            detalhe=f"{linha['ok']}/{linha['total']}",
        )
        for linha in linhas
        if linha["total"]
    ]


def lista_espera(*, inicio, fim, pontos=None, secretarias=None):
    consulta = _matriculas(inicio, fim, pontos, secretarias, "criada_em").filter(situacao=SituacaoMatricula.ESPERA)
    return _por_ponto_mes(consulta, "criada_em", Count("pk"))


def certificados(*, inicio, fim, pontos=None, secretarias=None):
    consulta = Certificado.objects.filter(emitido_em__gte=_momento(inicio), emitido_em__lte=_momento(fim, fim=True))
    if pontos:
        consulta = consulta.filter(matricula__turma__ponto__in=pontos)
    if secretarias:
        consulta = consulta.filter(matricula__turma__secretaria__in=secretarias)
    linhas = (
        consulta.annotate(mes=TruncMonth("emitido_em"))
        .values("matricula__turma__ponto_id", "matricula__turma__secretaria_id", "mes")
        .annotate(v=Count("pk"))
        .order_by()
    )
    return [
        ValorIndicador(
            valor=linha["v"],
            ponto_id=linha["matricula__turma__ponto_id"],
            mes=_mes(linha["mes"]),
            secretaria_id=linha["matricula__turma__secretaria_id"],
        )
        for linha in linhas
    ]


def formalizados_trilha(*, inicio, fim, pontos=None, secretarias=None):
    """Pessoas que fizeram a inscrição MEI pela trilha (Ponto = onde foram cadastradas)."""
    consulta = EtapaFormalizacao.objects.filter(
        passo=PassoFormalizacao.MEI, feito_em__gte=_data(inicio), feito_em__lte=_data(fim)
    )
    if pontos:
        consulta = consulta.filter(empreendedor__ponto_cadastro__in=pontos)
    linhas = (
        consulta.annotate(mes=TruncMonth("feito_em"))
        .values("empreendedor__ponto_cadastro_id", "mes")
        .annotate(v=Count("empreendedor", distinct=True))
        .order_by()
    )
    return [
        ValorIndicador(valor=linha["v"], ponto_id=linha["empreendedor__ponto_cadastro_id"], mes=_mes(linha["mes"]))
        for linha in linhas
    ]


def _data(valor):
    return timezone.localtime(valor).date() if isinstance(valor, datetime.datetime) else valor


def _meses(inicio, fim):
    mes, ultimo = _data(inicio).replace(day=1), _data(fim).replace(day=1)
    while mes <= ultimo:
        yield mes
        mes = (mes + datetime.timedelta(days=32)).replace(day=1)


def taxa_formalizacao(*, inicio, fim, pontos=None, secretarias=None):
    """% de pessoas formalizadas entre quem já passou pela formação, mês a mês (evolução).

    Formalizada no mês: fez a inscrição MEI pela trilha até o fim do mês, ou já chegou formal.
    """
    pessoas = Matricula.objects.filter(situacao__in=CONTAM)
    if pontos:
        pessoas = pessoas.filter(turma__ponto__in=pontos)
    if secretarias:
        pessoas = pessoas.filter(turma__secretaria__in=secretarias)
    entrada = dict(
        pessoas.values("empreendedor_id")
        .annotate(primeira=Min("criada_em"))
        .order_by()
        .values_list("empreendedor_id", "primeira")
    )
    mei = dict(
        EtapaFormalizacao.objects.filter(
            passo=PassoFormalizacao.MEI, feito_em__isnull=False, empreendedor_id__in=list(entrada)
        ).values_list("empreendedor_id", "feito_em")
    )
    ja_formais = set(
        pessoas.exclude(empreendedor__situacao_formalizacao=SituacaoFormalizacao.INFORMAL)
        .exclude(empreendedor_id__in=list(mei))
        .values_list("empreendedor_id", flat=True)
    )
    valores = []
    for mes in _meses(inicio, fim):
        fim_mes = (mes + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        ativos = [p for p, criado in entrada.items() if criado is None or _data(criado) <= fim_mes]
        if not ativos:
            continue
        formais = sum(1 for p in ativos if p in ja_formais or (p in mei and mei[p] <= fim_mes))
        valores.append(
            ValorIndicador(
                valor=(Decimal(100 * formais) / len(ativos)).quantize(Decimal("0.1")),
                mes=mes,
                detalhe=f"{formais}/{len(ativos)}",
            )
        )
    return valores


def passos_parados(*, inicio, fim, pontos=None, secretarias=None):
    """Onde as pessoas param na trilha: o primeiro passo obrigatório pendente de quem a começou."""
    etapas = defaultdict(set)
    consulta = EtapaFormalizacao.objects.filter(atualizado_em__lte=_momento(fim, fim=True))
    if pontos:
        consulta = consulta.filter(empreendedor__ponto_cadastro__in=pontos)
    for pessoa, passo, feito, nao_aplica in consulta.values_list(
        "empreendedor_id", "passo", "feito_em", "nao_se_aplica"
    ):
        if feito or nao_aplica:
            etapas[pessoa].add(passo)
    parados = defaultdict(int)
    for feitos in etapas.values():
        pendente = next((p for p in trilha.OBRIGATORIOS if p not in feitos), None)
        if pendente:
            parados[pendente] += 1
    mes = _data(fim).replace(day=1)
    return [ValorIndicador(valor=n, mes=mes, detalhe=str(PassoFormalizacao(p).label)) for p, n in parados.items()]


INDICADORES = [
    Indicador("formacao.matriculas", _("Matrículas em cursos"), PROGRAMA, _("matrículas"), matriculas),
    Indicador("formacao.concluintes", _("Pessoas formadas (concluintes)"), PROGRAMA, _("pessoas"), concluintes),
    Indicador("formacao.taxa_conclusao", _("Taxa de conclusão"), PROGRAMA, "%", taxa_conclusao),
    Indicador("formacao.certificados", _("Certificados emitidos"), PROGRAMA, _("certificados"), certificados),
    Indicador("formacao.horas", _("Horas de formação (pessoa × hora)"), PROGRAMA, _("horas"), horas),
    Indicador("formacao.lista_espera", _("Pessoas na lista de espera"), PROGRAMA, _("pessoas"), lista_espera),
    Indicador(
        "formacao.formalizados_trilha",
        _("Pessoas formalizadas pela trilha MEI"),
        PROGRAMA,
        _("pessoas"),
        formalizados_trilha,
    ),
    Indicador(
        "formacao.taxa_formalizacao",
        _("Taxa de formalização de quem passou pela formação"),
        PROGRAMA,
        "%",
        taxa_formalizacao,
    ),
    Indicador(
        "formacao.passos_parados", _("Onde as pessoas param na trilha MEI"), PROGRAMA, _("pessoas"), passos_parados
    ),
]
