"""Modelos da formação: cursos, turmas, encontros, matrículas, presenças, certificados e a trilha MEI."""

from formacao.models.cursos import Curso, CursoQuerySet, Eixo, Encontro, SituacaoTurma, Turma
from formacao.models.matriculas import (
    Certificado,
    Matricula,
    OrigemPresenca,
    Presenca,
    SituacaoMatricula,
)
from formacao.models.trilha import EtapaFormalizacao, PassoFormalizacao, caminho_comprovante, pessoas_visiveis_para

__all__ = [
    "Certificado",
    "Curso",
    "CursoQuerySet",
    "Eixo",
    "Encontro",
    "EtapaFormalizacao",
    "Matricula",
    "OrigemPresenca",
    "PassoFormalizacao",
    "Presenca",
    "SituacaoMatricula",
    "SituacaoTurma",
    "Turma",
    "caminho_comprovante",
    "pessoas_visiveis_para",
]
