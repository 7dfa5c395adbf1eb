"""Turmas e encontros: criação, reserva do espaço, cancelamento."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from formacao.models import (
    Encontro,
    Matricula,
    SituacaoMatricula,
    SituacaoTurma,
    Turma,
)
from formacao.services.comum import (
    TAMANHO_CODIGO_PRESENCA,
    VALIDADE_CODIGO_PRESENCA,
    _exigir_edicao,
    codigo_gerar,
    notificar,
    secretaria_do_usuario,
)
from formacao.services.matriculas import _promover
from pontos.services.reservas import reserva_cancelar, reserva_criar


@transaction.atomic
def turma_criar(*, curso, ponto, espaco, instrutor, vagas, por, nome="", instrutor_usuario=None):
    """Cria a turma; a secretaria organizadora vem de quem cria (nunca do formulário)."""
    secretaria = secretaria_do_usuario(por, padrao=curso.secretaria if getattr(por, "is_superuser", False) else None)
    if secretaria is None:
        raise PermissionDenied(_("Só a equipe de uma secretaria pode criar turmas."))
    if espaco.ponto_id != ponto.pk:
        raise ValidationError({"espaco": _("Escolha um espaço do próprio Ponto da turma.")})
    if vagas < 1:
        raise ValidationError({"vagas": _("A turma precisa de pelo menos uma vaga.")})
    return Turma.objects.create(
        curso=curso,
        ponto=ponto,
        espaco=espaco,
        secretaria=secretaria,
        nome=nome,
        instrutor=instrutor,
        instrutor_usuario=instrutor_usuario,
        vagas=vagas,
    )


@transaction.atomic
def encontro_criar(*, turma, inicio, fim, por=None):
    """Marca um encontro e reserva o espaço do Ponto; conflito levanta ``ConflitoReserva`` com o motivo."""
    if por is not None:
        _exigir_edicao(Turma, usuario=por, pk=turma.pk)
    if fim <= inicio:
        raise ValidationError({"fim": _("O fim precisa ser depois do início.")})
    if turma.situacao != SituacaoTurma.ABERTA:
        raise ValidationError(_("A turma está encerrada ou cancelada; não recebe novos encontros."))
    if Encontro.objects.filter(turma=turma, inicio=inicio).exists():
        raise ValidationError({"inicio": _("Esta turma já tem um encontro neste horário.")})
    codigo = codigo_gerar(TAMANHO_CODIGO_PRESENCA)
    while Encontro.objects.filter(codigo_presenca=codigo).exists():
        codigo = codigo_gerar(TAMANHO_CODIGO_PRESENCA)
    encontro = Encontro.objects.create(
        turma=turma, inicio=inicio, fim=fim, codigo_presenca=codigo, codigo_expira_em=fim + VALIDADE_CODIGO_PRESENCA
    )
    encontro.reserva = reserva_criar(
        espaco=turma.espaco,
        inicio=inicio,
        fim=fim,
        titulo=_("Turma: %(curso)s") % {"curso": turma.curso.nome},
        secretaria=turma.secretaria,
        objeto=encontro,
        por=por,
    )
    encontro.save(update_fields=["reserva"])
    return encontro


@transaction.atomic
def encontro_remover(*, encontro, por):
    _exigir_edicao(Turma, usuario=por, pk=encontro.turma_id)
    if encontro.presencas.exists():
        raise ValidationError(_("Este encontro já tem presença lançada e não pode ser removido."))
    if encontro.reserva_id:
        reserva_cancelar(reserva=encontro.reserva)
    encontro.delete()


@transaction.atomic
def turma_promover_espera(*, turma):
    """Ocupa as vagas livres com a lista de espera, na ordem de chegada (ex.: depois de aumentar vagas)."""
    turma = Turma.objects.select_for_update().get(pk=turma.pk)
    promovidas = []
    while turma.vagas_ocupadas < turma.vagas:
        proxima = Matricula.objects.na_espera().filter(turma=turma).select_for_update().first()
        if proxima is None:
            break
        _promover(proxima, turma)
        Turma.objects.filter(pk=turma.pk).update(vagas_ocupadas=F("vagas_ocupadas") + 1)
        turma.refresh_from_db(fields=["vagas_ocupadas"])
        promovidas.append(proxima)
    return promovidas


@transaction.atomic
def turma_cancelar(*, turma, por, motivo=""):
    _exigir_edicao(Turma, usuario=por, pk=turma.pk)
    turma = Turma.objects.select_for_update().get(pk=turma.pk)
    if turma.situacao != SituacaoTurma.ABERTA:
        raise ValidationError(_("Só turmas abertas podem ser canceladas."))
    turma.situacao = SituacaoTurma.CANCELADA
    turma.encerrada_em = timezone.now()
    turma.save(update_fields=["situacao", "encerrada_em"])
    for encontro in turma.encontros.select_related("reserva"):
        if encontro.reserva_id:
            reserva_cancelar(reserva=encontro.reserva)
    for matricula in turma.matriculas.filter(
        situacao__in=[SituacaoMatricula.CONFIRMADA, SituacaoMatricula.ESPERA]
    ).select_related("empreendedor"):
        matricula.situacao = SituacaoMatricula.CANCELADA
        matricula.cancelada_em = timezone.now()
        matricula.save(update_fields=["situacao", "cancelada_em"])
        notificar(
            empreendedor=matricula.empreendedor,
            titulo=_("A turma de %(curso)s foi cancelada") % {"curso": turma.curso.nome},
            texto=motivo,
            link=reverse("formacao:meus_cursos"),
        )
    Turma.objects.filter(pk=turma.pk).update(vagas_ocupadas=0)
