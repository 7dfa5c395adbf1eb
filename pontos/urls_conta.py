"""Rotas de contas: Minha conta, termos e cadastro assistido da equipe."""

from django.urls import path

from pontos.views import conta

urlpatterns = [
    path("termos/", conta.termos, name="termos"),
    path("minha-conta/", conta.minha_conta, name="minha_conta"),
    path("minha-conta/perfil/", conta.perfil_editar, name="perfil_editar"),
    path("minha-conta/trajetoria/", conta.trajetoria, name="trajetoria"),
    path("minha-conta/produtos/", conta.produto_lista, name="produto_lista"),
    path("minha-conta/produtos/novo/", conta.produto_form, name="produto_novo"),
    path("minha-conta/produtos/<int:pk>/", conta.produto_form, name="produto_editar"),
    path("minha-conta/produtos/<int:pk>/excluir/", conta.produto_excluir, name="produto_excluir"),
    path("minha-conta/qualificacoes/", conta.qualificacoes, name="qualificacoes"),
    path("minha-conta/notificacoes/", conta.notificacoes, name="notificacoes"),
    path("minha-conta/notificacoes/marcar-lidas/", conta.notificacoes_marcar_lidas, name="notificacoes_marcar_lidas"),
    path("minha-conta/consentimentos/", conta.consentimentos, name="consentimentos"),
    path("minha-conta/dados/", conta.meus_dados, name="meus_dados"),
    path("minha-conta/dados/baixar/", conta.meus_dados_baixar, name="meus_dados_baixar"),
    path("minha-conta/excluir/", conta.conta_excluir, name="conta_excluir"),
    path("minha-conta/reivindicar/", conta.reivindicar, name="reivindicar"),
    path("equipe/cadastro-assistido/", conta.cadastro_assistido, name="cadastro_assistido"),
    path("equipe/cadastro-assistido/<int:pk>/", conta.cadastro_assistido_detalhe, name="cadastro_assistido_detalhe"),
]
