"""A "view piso" do bench: uma consulta indexada e um template pequeno.

Só tem rota quando ``BENCH_PISO`` está ligado (``DJANGO_BENCH_PISO=true``); serve de régua
para as demais páginas, medidas no mesmo servidor e na mesma rodada (ver ``bench/README.md``).
"""

from django.shortcuts import render

from pontos.models import Ponto


def piso(request):
    pontos = list(Ponto.objects.order_by("pk").values("nome", "slug")[:10])
    return render(request, "pontos/bench_piso.html", {"pontos": pontos})
