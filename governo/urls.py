from django.urls import path

from governo import views

app_name = "governo"
urlpatterns = [
    path("", views.painel, name="painel"),
    path("sustentabilidade/", views.sustentabilidade, name="sustentabilidade"),
    path("trajetorias/", views.trajetorias, name="trajetorias"),
    path("equidade/", views.equidade, name="equidade"),
    path("exportar/", views.exportar_visao, name="exportar"),
    path("relatorios/", views.relatorio_pedir, name="relatorio_pedir"),
    path("relatorios/<int:pk>/", views.relatorio_detalhe, name="relatorio_detalhe"),
    path("relatorios/<int:pk>/baixar/", views.relatorio_baixar, name="relatorio_baixar"),
    path("dados-abertos/", views.dados_abertos, name="dados_abertos"),
    path("dados-abertos/csv/", views.dados_abertos_csv, name="dados_abertos_csv"),
    path("dados-abertos/todos.zip", views.dados_abertos_zip, name="dados_abertos_zip"),
]
