"""Portal público: início, Pontos, agenda e vitrine. Views finas: um seletor e um template."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from pontos import selectors
from pontos.cache_publico import cache_publico
from pontos.filters import AgendaFiltroForm, PontoFiltroForm, VitrineFiltro
from pontos.models import Empreendedor, Ponto
from pontos.paginacao import numero_pagina, paginar_sem_contagem

POR_PAGINA_AGENDA = 20
POR_PAGINA_VITRINE = 24
POR_PAGINA_PONTOS = 48


def _sem_pagina(request):
    """Query string sem ``pagina``, para os links de paginação manterem os filtros."""
    parametros = request.GET.copy()
    parametros.pop("pagina", None)
    return parametros.urlencode()


@cache_publico
def home(request):
    pontos = list(selectors.pontos_listar()[:12])
    return render(
        request,
        "pontos/home.html",
        {"eventos": selectors.agenda_proxima(limite=6), "pontos": pontos},
    )


@cache_publico
def ponto_lista(request):
    formulario = PontoFiltroForm(request.GET or None)
    territorio = formulario.cleaned_data.get("territorio") if formulario.is_valid() else None
    # Na cidade inteira são 1.000 Pontos: a lista e o mapa mostram uma página por vez.
    pagina = paginar_sem_contagem(
        selectors.pontos_listar(territorio=territorio),
        pagina=numero_pagina(request.GET.get("pagina")),
        por_pagina=POR_PAGINA_PONTOS,
    )
    return render(
        request,
        "pontos/ponto_list.html",
        {
            "pontos": pagina.itens,
            "pagina": pagina,
            "consulta": _sem_pagina(request),
            "pontos_mapa": selectors.pontos_mapa(pagina.itens),
            "form": formulario,
        },
    )


@cache_publico
def ponto_detalhe(request, slug):
    try:
        ponto = selectors.ponto_publico_obter(slug=slug)
    except Ponto.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "pontos/ponto_detail.html",
        {
            "ponto": ponto,
            "eventos": selectors.agenda_proxima(ponto=ponto, limite=20),
            "semanas_ocupacao": selectors.SEMANAS_OCUPACAO,
        },
    )


@cache_publico
def agenda(request):
    formulario = AgendaFiltroForm(request.GET or None)
    filtro = formulario.filtro()
    eventos = selectors.agenda_filtrar(filtro=filtro)
    pagina = paginar_sem_contagem(
        eventos, pagina=numero_pagina(request.GET.get("pagina")), por_pagina=POR_PAGINA_AGENDA
    )
    return render(
        request,
        "pontos/agenda.html",
        {
            "form": formulario,
            "filtro": filtro,
            "pagina": pagina,
            "eventos": pagina.itens,
            "consulta": _sem_pagina(request),
        },
    )


@cache_publico
def vitrine(request):
    filtro = VitrineFiltro(request.GET or None, queryset=selectors.vitrine_listar())
    pagina = paginar_sem_contagem(
        filtro.qs, pagina=numero_pagina(request.GET.get("pagina")), por_pagina=POR_PAGINA_VITRINE
    )
    return render(
        request,
        "pontos/vitrine.html",
        {
            "filtro": filtro,
            "pagina": pagina,
            "consulta": _sem_pagina(request),
            "busca_ativa": any(request.GET.get(c) for c in VitrineFiltro.base_filters),
        },
    )


@cache_publico
def empreendedor_publico(request, pk):
    try:
        pessoa = selectors.empreendedor_publico_obter(pk=pk)
    except Empreendedor.DoesNotExist:
        raise Http404(_("Perfil não encontrado.")) from None
    return render(request, "pontos/empreendedor_publico.html", {"pessoa": pessoa})
