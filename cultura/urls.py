from django.urls import path

from cultura.views import equipe, pessoais, publicas

app_name = "cultura"
urlpatterns = [
    # Públicas
    path("", publicas.inicio, name="inicio"),
    path("artistas/", publicas.artista_lista, name="artista_lista"),
    path("artistas/<int:pk>/", publicas.artista_publico, name="artista_publico"),
    path("chamadas/", publicas.chamada_lista, name="chamada_lista"),
    path("chamadas/<int:pk>/", publicas.chamada_publica, name="chamada_publica"),
    path("apresentacoes/<int:pk>/", publicas.apresentacao_publica, name="apresentacao_publica"),
    # Minha conta
    path("minha-conta/perfil/", pessoais.perfil_artistico, name="perfil_artistico"),
    path("minha-conta/perfil/novo/", pessoais.artista_novo, name="artista_novo"),
    path("minha-conta/perfil/<int:pk>/", pessoais.artista_editar, name="artista_editar"),
    path("minha-conta/perfil/<int:pk>/fotos/", pessoais.artista_foto_adicionar, name="artista_foto_adicionar"),
    path("minha-conta/fotos/<int:pk>/remover/", pessoais.artista_foto_remover, name="artista_foto_remover"),
    path("minha-conta/perfil/<int:pk>/membros/", pessoais.artista_membro_adicionar, name="artista_membro_adicionar"),
    path("minha-conta/membros/<int:pk>/remover/", pessoais.artista_membro_remover, name="artista_membro_remover"),
    path("minha-conta/propostas/", pessoais.minhas_propostas, name="minhas_propostas"),
    path("chamadas/<int:pk>/proposta/", pessoais.proposta_nova, name="proposta_nova"),
    path("minha-conta/propostas/<int:pk>/", pessoais.proposta_editar, name="proposta_editar"),
    path("minha-conta/propostas/<int:pk>/enviar/", pessoais.proposta_enviar, name="proposta_enviar"),
    path("minha-conta/propostas/<int:pk>/recurso/", pessoais.recurso_criar, name="recurso_criar"),
    # Equipe (Gestão)
    path("gestao/chamadas/", equipe.chamadas, name="gestao_chamadas"),
    path("gestao/chamadas/<int:pk>/", equipe.chamada, name="gestao_chamada"),
    path("gestao/chamadas/<int:pk>/acao/", equipe.chamada_acao, name="gestao_chamada_acao"),
    path("gestao/propostas/<int:pk>/", equipe.proposta, name="gestao_proposta"),
    path("gestao/documentos/<int:pk>/", equipe.documento, name="gestao_documento"),
    path("gestao/recursos/<int:pk>/", equipe.recurso, name="gestao_recurso"),
    path("gestao/apresentacoes/", equipe.apresentacoes, name="gestao_apresentacoes"),
    path("gestao/apresentacoes/nova/", equipe.apresentacao_nova, name="gestao_apresentacao_nova"),
    path("gestao/apresentacoes/<int:pk>/", equipe.apresentacao, name="gestao_apresentacao"),
    path("gestao/projetos/<int:pk>/", equipe.projeto, name="gestao_projeto"),
]
