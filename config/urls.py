from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from pontos.gestao import gestao_site

urlpatterns = [
    path("", include("pontos.urls")),
    path("contas/", include("allauth.urls")),
    path("gestao/", gestao_site.urls),
    path("plataforma/", admin.site.urls),
    path("feiras/", include("feiras.urls")),
    path("cursos/", include("formacao.urls")),
    path("cultura/", include("cultura.urls")),
    path("hortas/", include("hortas.urls")),
    path("entrepostos/", include("entrepostos.urls")),
    path("governo/", include("governo.urls")),
    path("dados-abertos/", RedirectView.as_view(pattern_name="governo:dados_abertos"), name="dados_abertos"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "pontos.views.erros.proibido"
handler404 = "pontos.views.erros.nao_encontrado"
handler500 = "pontos.views.erros.erro_servidor"
