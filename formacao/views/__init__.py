"""Views finas: leem a entrada, chamam um serviço ou seletor e desenham a página."""

from formacao.views.equipe import (
    equipe_certificado_pdf,
    equipe_certificado_revogar,
    equipe_comprovante,
    equipe_formalizacao,
    equipe_presenca,
    equipe_turma,
    equipe_turma_concluir,
    equipe_turmas,
)
from formacao.views.pessoa import (
    certificado_pdf,
    formalizacao,
    matricula_cancelar,
    meus_cursos,
    presenca_codigo,
    turma_matricular,
)
from formacao.views.publico import (
    certificado_verificar,
    curso_detalhe,
    curso_lista,
)

__all__ = [
    "certificado_pdf",
    "certificado_verificar",
    "curso_detalhe",
    "curso_lista",
    "equipe_certificado_pdf",
    "equipe_certificado_revogar",
    "equipe_comprovante",
    "equipe_formalizacao",
    "equipe_presenca",
    "equipe_turma",
    "equipe_turma_concluir",
    "equipe_turmas",
    "formalizacao",
    "matricula_cancelar",
    "meus_cursos",
    "presenca_codigo",
    "turma_matricular",
]
