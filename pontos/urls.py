from django.contrib.auth.decorators import login_required
from django.urls import path

from pontos.views import conta, publico

app_name = "pontos"
urlpatterns = [
    path("", publico.home, name="home"),
    path("pontos/", publico.ponto_lista, name="ponto_lista"),
    path("pontos/<slug:slug>/", publico.ponto_detalhe, name="ponto_detalhe"),
    path("agenda/", publico.agenda, name="agenda"),
    path("vitrine/", publico.vitrine, name="vitrine"),
    path("vitrine/<int:pk>/", publico.empreendedor_publico, name="empreendedor_publico"),
    path("minha-conta/", login_required(conta.minha_conta), name="minha_conta"),
    path("minha-conta/perfil/", login_required(conta.perfil_editar), name="perfil_editar"),
]
