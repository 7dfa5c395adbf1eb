from django.urls import path

from formacao import views

app_name = "formacao"
urlpatterns = [
    path("", views.curso_lista, name="curso_lista"),
    path("certificados/verificar/", views.certificado_verificar, name="certificado_verificar"),
    path("presenca/", views.presenca_codigo, name="presenca_codigo"),
    path("meus-cursos/", views.meus_cursos, name="meus_cursos"),
    path("formalizacao/", views.formalizacao, name="formalizacao"),
    path("turmas/<int:pk>/matricular/", views.turma_matricular, name="turma_matricular"),
    path("matriculas/<int:pk>/cancelar/", views.matricula_cancelar, name="matricula_cancelar"),
    path("certificados/<int:pk>/pdf/", views.certificado_pdf, name="certificado_pdf"),
    path("equipe/", views.equipe_turmas, name="equipe_turmas"),
    path("equipe/turmas/<int:pk>/", views.equipe_turma, name="equipe_turma"),
    path("equipe/turmas/<int:pk>/concluir/", views.equipe_turma_concluir, name="equipe_turma_concluir"),
    path("equipe/encontros/<int:pk>/presenca/", views.equipe_presenca, name="equipe_presenca"),
    path("equipe/certificados/<int:pk>/revogar/", views.equipe_certificado_revogar, name="equipe_certificado_revogar"),
    path("equipe/certificados/<int:pk>/pdf/", views.equipe_certificado_pdf, name="equipe_certificado_pdf"),
    path("equipe/pessoas/<int:pk>/formalizacao/", views.equipe_formalizacao, name="equipe_formalizacao"),
    path("equipe/pessoas/<int:pk>/comprovantes/<slug:passo>/", views.equipe_comprovante, name="equipe_comprovante"),
    path("<slug:slug>/", views.curso_detalhe, name="curso_detalhe"),
]
