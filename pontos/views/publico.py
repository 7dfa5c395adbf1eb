from django.shortcuts import get_object_or_404, render

from pontos import selectors
from pontos.models import Ponto


def home(request):
    return render(
        request,
        "pontos/home.html",
        {"eventos": selectors.agenda_proxima(limite=6), "pontos": selectors.pontos_listar()[:12]},
    )


def ponto_lista(request):
    return render(request, "pontos/ponto_list.html", {"pontos": selectors.pontos_listar()})


def ponto_detalhe(request, slug):
    ponto = get_object_or_404(selectors.pontos_listar(), slug=slug)
    return render(
        request, "pontos/ponto_detail.html", {"ponto": ponto, "eventos": selectors.agenda_proxima(ponto=ponto)}
    )


def agenda(request):
    return render(request, "pontos/agenda.html", {"eventos": selectors.agenda_proxima(dias=90)})


def empreendedor_publico(request, pk):
    return render(request, "pontos/minha_conta.html", {"pk": pk, "ponto": Ponto})
