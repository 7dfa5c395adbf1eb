"""Páginas públicas: catálogo, curso e verificação de certificado."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from formacao import selectors, services
from formacao.forms import VerificarForm
from formacao.models import Curso, Eixo
from formacao.views.comum import (
    limite_excedido,
)
from pontos.cache_publico import cache_publico


@cache_publico
def curso_lista(request):
    eixo = request.GET.get("eixo", "")
    if eixo not in Eixo.values:
        eixo = ""
    pagina = Paginator(selectors.cursos_catalogo(eixo=eixo or None), 24).get_page(request.GET.get("pagina"))
    return render(request, "formacao/curso_list.html", {"pagina": pagina, "eixos": Eixo.choices, "eixo": eixo})


@cache_publico
def curso_detalhe(request, slug):
    try:
        curso = selectors.curso_publico(slug=slug)
    except Curso.DoesNotExist:
        raise Http404 from None
    return render(request, "formacao/curso_detail.html", {"curso": curso})


def certificado_verificar(request):
    form = VerificarForm(request.GET or None)
    contexto = {"form": form, "consultado": False}
    status = 200
    if form.is_bound and form.is_valid():
        if limite_excedido(request, "verificar"):
            contexto["bloqueado"] = True
            status = 429
        else:
            contexto["consultado"] = True
            contexto["certificado"] = services.certificado_buscar(form.cleaned_data["codigo"])
    return render(request, "formacao/certificado_verificar.html", contexto, status=status)
