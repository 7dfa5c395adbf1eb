"""Presença: lançada pela equipe ou autoinscrição pelo código do encontro."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from formacao.models import (
    Encontro,
    Matricula,
    OrigemPresenca,
    Presenca,
    SituacaoMatricula,
    Turma,
)
from formacao.services.comum import (
    SITUACOES_ATIVAS,
    TOLERANCIA_PRESENCA,
    _exigir_edicao,
    codigo_normalizar,
)


@transaction.atomic
def presenca_lancar(*, encontro, presentes, por):
    """A equipe marca quem veio; quem não foi marcado(a) fica com falta. Pode ser relançada."""
    _exigir_edicao(Turma, usuario=por, pk=encontro.turma_id)
    if encontro.inicio - TOLERANCIA_PRESENCA > timezone.now():
        raise ValidationError(_("A presença só pode ser lançada a partir do início do encontro."))
    matriculas = list(Matricula.objects.filter(turma_id=encontro.turma_id, situacao__in=SITUACOES_ATIVAS))
    ids = {m.pk for m in matriculas}
    presentes = {int(p) for p in presentes}
    if presentes - ids:
        raise ValidationError(_("Há pessoas marcadas que não são desta turma."))
    existentes = {p.matricula_id: p for p in Presenca.objects.filter(encontro=encontro)}
    agora = timezone.now()
    novas, alteradas = [], []
    for matricula in matriculas:
        presente = matricula.pk in presentes
        atual = existentes.get(matricula.pk)
        if atual is None:
            novas.append(
                Presenca(
                    encontro=encontro,
                    matricula=matricula,
                    presente=presente,
                    origem=OrigemPresenca.EQUIPE,
                    registrada_por=por,
                    registrada_em=agora,
                )
            )
        elif atual.presente != presente:
            atual.presente, atual.origem, atual.registrada_por, atual.registrada_em = (
                presente,
                OrigemPresenca.EQUIPE,
                por,
                agora,
            )
            alteradas.append(atual)
    Presenca.objects.bulk_create(novas)
    Presenca.objects.bulk_update(alteradas, ["presente", "origem", "registrada_por", "registrada_em"])
    Encontro.objects.filter(pk=encontro.pk).update(presenca_lancada_em=agora)
    return len([m for m in matriculas if m.pk in presentes])


@transaction.atomic
def presenca_por_codigo(*, codigo, empreendedor):
    """Autoinscrição: a pessoa digita (ou escaneia) o código que o(a) instrutor(a) mostra."""
    codigo = codigo_normalizar(codigo)
    agora = timezone.now()
    encontro = (
        Encontro.objects.select_related("turma__curso").filter(codigo_presenca=codigo).first() if codigo else None
    )
    if encontro is None or agora > encontro.codigo_expira_em or agora < encontro.inicio - TOLERANCIA_PRESENCA:
        raise ValidationError(
            {"codigo": _("Código não encontrado ou fora do horário do encontro. Confira com o(a) instrutor(a).")}
        )
    matricula = Matricula.objects.filter(
        turma_id=encontro.turma_id, empreendedor=empreendedor, situacao=SituacaoMatricula.CONFIRMADA
    ).first()
    if matricula is None:
        raise ValidationError({"codigo": _("Você não tem matrícula confirmada nesta turma.")})
    presenca, _criada = Presenca.objects.update_or_create(
        encontro=encontro,
        matricula=matricula,
        defaults={"presente": True, "origem": OrigemPresenca.CODIGO, "registrada_em": agora},
    )
    return presenca
