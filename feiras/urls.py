from django.urls import path

from feiras import views, views_equipe

app_name = "feiras"
urlpatterns = [
    # público
    path("", views.feira_lista, name="feira_lista"),
    path("<int:pk>/", views.feira_publica, name="feira_publica"),
    path("<int:pk>/sorteio/", views.sorteio_publico, name="sorteio_publico"),
    path("<int:pk>/sorteio.csv", views.sorteio_csv, name="sorteio_csv"),
    path("<int:pk>/inscrever/", views.inscricao_criar, name="inscricao_criar"),
    # empreendedor(a)
    path("minhas/", views.minhas_inscricoes, name="minhas_inscricoes"),
    path("minhas/<int:pk>/", views.inscricao_detalhe, name="inscricao_detalhe"),
    path("minhas/<int:pk>/cancelar/", views.inscricao_cancelar, name="inscricao_cancelar"),
    path("minhas/<int:pk>/confirmar/", views.inscricao_confirmar, name="inscricao_confirmar"),
    path("minhas/<int:pk>/vendas/", views.relato_vendas, name="relato_vendas"),
    # equipe
    path("equipe/", views_equipe.feiras_lista, name="gestao_feiras"),
    path("equipe/nova/", views_equipe.feira_criar, name="gestao_feira_criar"),
    path("equipe/<int:pk>/", views_equipe.feira_detalhe, name="gestao_feira"),
    path("equipe/<int:pk>/editar/", views_equipe.feira_editar, name="gestao_feira_editar"),
    path("equipe/<int:pk>/cancelar/", views_equipe.feira_cancelar, name="gestao_feira_cancelar"),
    path("equipe/<int:pk>/categorias/", views_equipe.categorias, name="gestao_categorias"),
    path("equipe/<int:pk>/bancas/", views_equipe.layout_editar, name="gestao_layout"),
    path("equipe/<int:pk>/inscricoes/", views_equipe.inscricoes, name="gestao_inscricoes"),
    path("equipe/<int:pk>/alocar/", views_equipe.alocar, name="gestao_alocar"),
    path("equipe/<int:pk>/dia/", views_equipe.dia_da_feira, name="gestao_dia"),
    path("equipe/<int:pk>/lista.pdf", views_equipe.lista_pdf, name="gestao_pdf"),
    path("equipe/<int:pk>/inscricoes.csv", views_equipe.exportar_csv, name="gestao_csv"),
    path("equipe/<int:pk>/inscricoes.xlsx", views_equipe.exportar_xlsx, name="gestao_xlsx"),
]
