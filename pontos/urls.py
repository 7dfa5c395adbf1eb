from django.conf import settings
from django.urls import path

from pontos import urls_conta
from pontos.views import publico

app_name = "pontos"
urlpatterns = [
    path("", publico.home, name="home"),
    path("pontos/", publico.ponto_lista, name="ponto_lista"),
    path("pontos/<slug:slug>/", publico.ponto_detalhe, name="ponto_detalhe"),
    path("agenda/", publico.agenda, name="agenda"),
    path("vitrine/", publico.vitrine, name="vitrine"),
    path("vitrine/<int:pk>/", publico.empreendedor_publico, name="empreendedor_publico"),
    *urls_conta.urlpatterns,
]

if settings.BENCH_PISO:
    from pontos import views_bench

    urlpatterns.append(path("_bench/piso/", views_bench.piso, name="bench_piso"))
