"""Casos de isolamento da formação para a varredura (tests/isolamento/test_varredura.py)."""

from django.core.files.base import ContentFile
from django.utils import timezone

from formacao.models import Certificado, Curso, EtapaFormalizacao, Matricula, SituacaoMatricula, Turma
from tests.factories import EmpreendedorFactory
from tests.factories.formacao import CursoFactory, EncontroFactory, MatriculaFactory, TurmaFactory


def _turma(sec):
    return TurmaFactory(secretaria=sec, curso__secretaria=sec)


def _certificado(matricula):
    hoje = timezone.localdate()
    return Certificado.objects.create(
        matricula=matricula,
        codigo=f"ISOL{matricula.pk:08d}"[:12],
        nome=matricula.empreendedor.nome,
        curso_nome=matricula.turma.curso.nome,
        carga_horaria=matricula.turma.curso.carga_horaria,
        ponto_nome=matricula.turma.ponto.nome,
        data_inicio=hoje,
        data_fim=hoje,
    )


def _certificado_da_secretaria(sec):
    return _certificado(MatriculaFactory(turma=_turma(sec), situacao=SituacaoMatricula.CONCLUIDA))


def _pessoa_da_secretaria(sec):
    return MatriculaFactory(turma=_turma(sec), empreendedor=EmpreendedorFactory()).empreendedor


def _comprovante_da_secretaria(sec):
    pessoa = _pessoa_da_secretaria(sec)
    EtapaFormalizacao.objects.create(
        empreendedor=pessoa,
        passo="govbr",
        feito_em=timezone.localdate(),
        dado="ouro",
        comprovante=ContentFile(b"%PDF-1.4 teste", name="conta.pdf"),
    )
    return {"pk": pessoa.pk, "passo": "govbr"}


MODELOS = {
    Curso: lambda sec: CursoFactory(secretaria=sec),
    Turma: _turma,
    Matricula: lambda sec: MatriculaFactory(turma=_turma(sec)),
    Certificado: _certificado_da_secretaria,
}

ROTAS_EQUIPE = {
    "formacao:equipe_turma": lambda sec: {"pk": _turma(sec).pk},
    "formacao:equipe_turma_concluir": lambda sec: {"pk": _turma(sec).pk},
    "formacao:equipe_presenca": lambda sec: {"pk": EncontroFactory(turma=_turma(sec)).pk},
    "formacao:equipe_certificado_revogar": lambda sec: {"pk": _certificado_da_secretaria(sec).pk},
    "formacao:equipe_certificado_pdf": lambda sec: {"pk": _certificado_da_secretaria(sec).pk},
    # a trilha MEI é da pessoa: a equipe alcança quem tem matrícula nas suas turmas
    "formacao:equipe_formalizacao": lambda sec: {"pk": _pessoa_da_secretaria(sec).pk},
    "formacao:equipe_comprovante": _comprovante_da_secretaria,
}

ROTAS_PESSOAIS = {
    "formacao:matricula_cancelar": lambda pessoa: {"pk": MatriculaFactory(empreendedor=pessoa).pk},
    "formacao:certificado_pdf": lambda pessoa: {
        "pk": _certificado(MatriculaFactory(empreendedor=pessoa, situacao=SituacaoMatricula.CONCLUIDA)).pk
    },
}

# O catálogo e as turmas abertas são públicos por desenho (matricular-se exige login, não escopo).
ROTAS_PUBLICAS = {"formacao:curso_detalhe", "formacao:turma_matricular"}
