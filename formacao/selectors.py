"""Leituras da formação: escopo, agregações e consultas afinadas (contagem fixa por página)."""

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from formacao.models import (
    Certificado,
    Curso,
    Encontro,
    EtapaFormalizacao,
    Matricula,
    Presenca,
    SituacaoMatricula,
    SituacaoTurma,
    Turma,
    pessoas_visiveis_para,
)
from pontos.escopo import obter_para
from pontos.models import Empreendedor, Qualificacao


def cursos_catalogo(*, eixo=None):
    """Cursos ativos com o número de turmas abertas e o próximo encontro (subconsultas por curso,
    sem multiplicar linhas de turmas × encontros)."""
    agora = timezone.now()
    abertas = Turma.objects.filter(curso=OuterRef("pk"), situacao=SituacaoTurma.ABERTA)
    proximos = Encontro.objects.filter(
        turma__curso=OuterRef("pk"), turma__situacao=SituacaoTurma.ABERTA, inicio__gte=agora
    ).order_by("inicio")
    consulta = (
        Curso.objects.ativos()
        .annotate(
            turmas_abertas=Coalesce(
                Subquery(abertas.order_by().values("curso").annotate(n=Count("pk")).values("n")[:1]), 0
            ),
            proximo_encontro=Subquery(proximos.values("inicio")[:1]),
        )
        .order_by("eixo", "nome")
    )
    if eixo:
        consulta = consulta.filter(eixo=eixo)
    return consulta


def _turmas_com_encontros():
    return Turma.objects.select_related("ponto", "espaco", "secretaria").prefetch_related(
        Prefetch("encontros", queryset=Encontro.objects.order_by("inicio"))
    )


def curso_publico(*, slug):
    """Curso do catálogo com as turmas abertas e seus encontros."""
    turmas = _turmas_com_encontros().abertas().order_by("criada_em")
    return (
        Curso.objects.ativos()
        .select_related("secretaria")
        .prefetch_related(Prefetch("turmas", queryset=turmas, to_attr="turmas_abertas"))
        .get(slug=slug)
    )


def turma_publica(*, pk):
    return _turmas_com_encontros().select_related("curso").get(pk=pk)


def matriculas_da_pessoa(*, empreendedor):
    return (
        Matricula.objects.de(empreendedor)
        .exclude(situacao=SituacaoMatricula.CANCELADA)
        .select_related("turma__curso", "turma__ponto", "turma__espaco", "certificado")
        .prefetch_related(Prefetch("turma__encontros", queryset=Encontro.objects.order_by("inicio")))
        .order_by("-criada_em")
    )


def qualificacoes_da_pessoa(*, empreendedor):
    return Qualificacao.objects.filter(empreendedor=empreendedor).order_by("-valida_de")


def turmas_da_equipe(*, usuario, situacao=None):
    consulta = (
        Turma.objects.visiveis_para(usuario)
        .select_related("curso", "ponto", "secretaria")
        .annotate(
            primeiro_encontro=Min("encontros__inicio"),
            ultimo_encontro=Max("encontros__fim"),
            na_espera=Count("matriculas", filter=Q(matriculas__situacao=SituacaoMatricula.ESPERA), distinct=True),
        )
        .order_by("-criada_em", "-pk")
    )
    if situacao:
        consulta = consulta.filter(situacao=situacao)
    return consulta


def turma_da_equipe(*, usuario, pk):
    consulta = Turma.objects.select_related("curso", "ponto", "espaco", "secretaria").prefetch_related(
        Prefetch(
            "matriculas",
            queryset=Matricula.objects.exclude(situacao=SituacaoMatricula.CANCELADA)
            .select_related("empreendedor", "certificado")
            .annotate(presencas_n=Count("presencas", filter=Q(presencas__presente=True)))
            .order_by("situacao", "criada_em", "pk"),
            to_attr="matriculas_listadas",
        ),
        Prefetch(
            "encontros",
            queryset=Encontro.objects.annotate(
                presentes_n=Count("presencas", filter=Q(presencas__presente=True))
            ).order_by("inicio"),
            to_attr="encontros_listados",
        ),
    )
    return obter_para(consulta, usuario=usuario, pk=pk)


def encontro_da_equipe(*, usuario, pk):
    return obter_para(
        Encontro.objects.select_related("turma__curso", "turma__ponto", "turma__espaco"), usuario=usuario, pk=pk
    )


def presenca_do_encontro(*, encontro):
    """Matrículas que contam presença, com a marca atual de cada uma."""
    presente = Presenca.objects.filter(encontro=encontro, matricula=OuterRef("pk"), presente=True)
    return (
        Matricula.objects.filter(
            turma_id=encontro.turma_id,
            situacao__in=[SituacaoMatricula.CONFIRMADA, SituacaoMatricula.CONCLUIDA, SituacaoMatricula.NAO_CONCLUIDA],
        )
        .select_related("empreendedor")
        .annotate(presente=Exists(presente))
        .order_by("empreendedor__nome", "pk")
    )


def certificado_da_equipe(*, usuario, pk):
    return obter_para(
        Certificado.objects.select_related("matricula__turma", "matricula__empreendedor"), usuario=usuario, pk=pk
    )


def pessoa_da_equipe(*, usuario, pk):
    try:
        return pessoas_visiveis_para(usuario).get(pk=pk)
    except (ValueError, TypeError, Empreendedor.DoesNotExist):
        raise Http404 from None


def etapas_de(*, empreendedor):
    return {
        e.passo: e for e in EtapaFormalizacao.objects.filter(empreendedor=empreendedor).select_related("confirmado_por")
    }
