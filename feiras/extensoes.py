"""Contribuições das feiras aos pontos de extensão do núcleo (registradas em ``ready()``)."""

import datetime

from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pontos import extensoes


def agenda_feiras(*, inicio, fim, ponto=None):
    from feiras.models import Feira, StatusFeira

    dia_inicio = timezone.localtime(inicio).date() if isinstance(inicio, datetime.datetime) else inicio
    dia_fim = timezone.localtime(fim).date() if isinstance(fim, datetime.datetime) else fim
    consulta = (
        Feira.objects.filter(status=StatusFeira.AGENDADA, data__gte=dia_inicio, data__lte=dia_fim)
        .select_related("ponto")
        .annotate(_vagas=Sum("categorias__cota") - Sum("categorias__aprovadas"))
        .order_by("data", "hora_inicio")
    )
    if ponto is not None:
        consulta = consulta.filter(ponto=ponto)
    eventos = []
    for feira in consulta[:500]:
        if feira.fim <= inicio or feira.inicio >= fim:
            continue
        eventos.append(
            extensoes.EventoAgenda(
                titulo=feira.titulo,
                inicio=feira.inicio,
                fim=feira.fim,
                tipo="feira",
                programa=_("Feiras"),
                ponto_id=feira.ponto_id,
                ponto_nome=feira.ponto.nome,
                url=reverse("feiras:feira_publica", kwargs={"pk": feira.pk}),
                descricao=feira.tema or feira.descricao[:200],
                vagas=feira._vagas if feira.inscricoes_abertas else None,
            )
        )
    return eventos


def secao_minhas_feiras(*, request, empreendedor):
    from feiras.selectors import inscricoes_da_pessoa

    inscricoes = list(inscricoes_da_pessoa(empreendedor=empreendedor)[:5])
    return render_to_string("feiras/partials/_secao_minha_conta.html", {"inscricoes": inscricoes}, request=request)


def pendencias_feiras(*, usuario):
    from feiras.models import Inscricao, StatusFeira, StatusInscricao

    # Só as edições de hoje em diante (o que ainda se analisa), com a contagem limitada.
    quantidade = extensoes.contar_pendencias(
        Inscricao.objects.visiveis_para(usuario).filter(
            status=StatusInscricao.RECEBIDA,
            feira__status=StatusFeira.AGENDADA,
            feira__data__gte=timezone.localdate(),
        )
    )
    return [
        extensoes.Pendencia(
            titulo=_("Inscrições em feiras a analisar"), quantidade=quantidade, url=reverse("feiras:gestao_feiras")
        )
    ]


def atividades_feiras(*, empreendedor):
    from feiras.models import Inscricao

    return [
        extensoes.AtividadePessoa(
            programa=_("Feiras"),
            descricao=_("%(feira)s — %(situacao)s%(banca)s")
            % {
                "feira": i.feira.titulo,
                "situacao": i.get_status_display(),
                "banca": _(", banca %(n)s") % {"n": i.alocacao.banca.numero} if hasattr(i, "alocacao") else "",
            },
            data=i.feira.data,
            url=reverse("feiras:inscricao_detalhe", kwargs={"pk": i.pk}),
        )
        for i in Inscricao.objects.filter(empreendedor=empreendedor)
        .select_related("feira", "alocacao__banca")
        .order_by("-feira__data")[:200]
    ]


def demonstracao_feiras(*, demo):
    from feiras.demo import demo_feiras

    demo_feiras(demo=demo)


def gerador_cidade(*, contexto):
    from feiras.cidade import gerar_cidade

    gerar_cidade(contexto=contexto)


def registrar():
    from feiras.indicadores import INDICADORES

    extensoes.agenda.registrar(agenda_feiras, chave="feiras")
    extensoes.minha_conta.registrar(
        extensoes.SecaoMinhaConta("feiras", gettext_lazy("Minhas feiras"), 20, secao_minhas_feiras)
    )
    extensoes.pendencias.registrar(pendencias_feiras, chave="feiras")
    extensoes.atividades_pessoa.registrar(atividades_feiras, chave="feiras")
    extensoes.demonstracao.registrar(demonstracao_feiras, chave="feiras")
    extensoes.geradores_cidade.registrar(gerador_cidade, chave="feiras")
    extensoes.menu_publico.registrar(extensoes.ItemMenu("feiras", gettext_lazy("Feiras"), "feiras:feira_lista", 20))
    for indicador in INDICADORES:
        extensoes.indicadores.registrar(indicador)


__all__ = ["registrar"]
