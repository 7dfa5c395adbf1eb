"""Páginas públicas do Cultura: artistas, chamadas, resultados e apresentações."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from cultura import selectors
from cultura.models import Apresentacao, Artista, Chamada, Linguagem
from pontos.cache_publico import cache_publico


@cache_publico
def inicio(request):
    return render(
        request,
        "cultura/inicio.html",
        {
            "chamadas": list(Chamada.objects.abertas().select_related("secretaria")[:6]),
            "apresentacoes": list(selectors.apresentacoes_proximas(limite=8)),
            "oficinas": selectors.oficinas_artisticas(limite=6),
        },
    )


@cache_publico
def artista_lista(request):
    linguagem = request.GET.get("linguagem") or ""
    if linguagem not in Linguagem.values:
        linguagem = ""
    pagina = Paginator(selectors.artistas_publicos(linguagem=linguagem or None), 24).get_page(request.GET.get("pagina"))
    return render(
        request,
        "cultura/artista_list.html",
        {"pagina": pagina, "linguagens": Linguagem.choices, "linguagem": linguagem},
    )


@cache_publico
def artista_publico(request, pk):
    try:
        artista = selectors.artista_publico_obter(pk)
    except Artista.DoesNotExist:
        raise Http404 from None
    oficinas = selectors.oficinas_artisticas(limite=200)
    return render(
        request,
        "cultura/artista_detail.html",
        {
            "artista": artista,
            "apresentacoes": list(selectors.apresentacoes_proximas(artista=artista)),
            "oficinas_do_artista": selectors.oficinas_do_artista(artista=artista, oficinas=oficinas),
            "oficinas": oficinas[:6],
        },
    )


@cache_publico
def chamada_lista(request):
    pagina = Paginator(selectors.chamadas_publicas(), 20).get_page(request.GET.get("pagina"))
    return render(request, "cultura/chamada_list.html", {"pagina": pagina})


@cache_publico
def chamada_publica(request, pk):
    try:
        chamada = selectors.chamada_publica_obter(pk)
    except (Chamada.DoesNotExist, ValueError):
        raise Http404 from None
    return render(
        request,
        "cultura/chamada_detail.html",
        {"chamada": chamada, "resultado": selectors.resultado_da_chamada(chamada)},
    )


@cache_publico
def apresentacao_publica(request, pk):
    try:
        apresentacao = selectors.apresentacao_publica_obter(pk)
    except Apresentacao.DoesNotExist:
        raise Http404 from None
    return render(request, "cultura/apresentacao_detail.html", {"apresentacao": apresentacao})
