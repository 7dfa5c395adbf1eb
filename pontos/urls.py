from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.urls import path

from pontos import views

app_name = "pontos"
urlpatterns = [
    path("", views.home, name="home"),
    path("pontos/", views.ponto_lista, name="ponto_lista"),
    path("pontos/<slug:slug>/", views.ponto_detalhe, name="ponto_detalhe"),
    path("agenda/", views.agenda, name="agenda"),
    path("vitrine/<int:pk>/", views.empreendedor_publico, name="empreendedor_publico"),
    path("minha-conta/", login_required(views.minha_conta), name="minha_conta"),
    path("minha-conta/perfil/", login_required(views.perfil_editar), name="perfil_editar"),
]

if settings.BENCH_PISO:
    from pontos import views_bench

    urlpatterns.append(path("_bench/piso/", views_bench.piso, name="bench_piso"))
