"""Matrículas com lotação garantida pelo banco, lista de espera e lembretes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
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
    _data,
    notificar,
)


@transaction.atomic
def matricula_criar(*, turma, empreendedor):
    """Confirma a vaga se houver; senão, entra na lista de espera. O banco garante a lotação.

    A linha da turma é travada (``select_for_update``), a ocupação sobe com um UPDATE condicional
    (``vagas_ocupadas < vagas``) e a restrição ``turma_ocupacao_ate_vagas`` impede qualquer excesso.
    """
    turma = Turma.objects.select_for_update().select_related("curso").get(pk=turma.pk)
    if not turma.aceita_matricula:
        raise ValidationError(_("As matrículas desta turma estão encerradas."))
    if (
        Matricula.objects.filter(turma=turma, empreendedor=empreendedor)
        .exclude(situacao=SituacaoMatricula.CANCELADA)
        .exists()
    ):
        raise ValidationError(_("Você já tem matrícula nesta turma."))
    ocupou = Turma.objects.filter(pk=turma.pk, vagas_ocupadas__lt=F("vagas")).update(
        vagas_ocupadas=F("vagas_ocupadas") + 1
    )
    situacao = SituacaoMatricula.CONFIRMADA if ocupou else SituacaoMatricula.ESPERA
    try:
        with transaction.atomic():
            matricula = Matricula.objects.create(turma=turma, empreendedor=empreendedor, situacao=situacao)
    except IntegrityError as erro:
        raise ValidationError(_("Você já tem matrícula nesta turma.")) from erro
    return matricula


def posicao_na_espera(matricula):
    if matricula.situacao != SituacaoMatricula.ESPERA:
        return None
    return (
        Matricula.objects.filter(turma_id=matricula.turma_id, situacao=SituacaoMatricula.ESPERA)
        .filter(Q(criada_em__lt=matricula.criada_em) | Q(criada_em=matricula.criada_em, pk__lt=matricula.pk))
        .count()
        + 1
    )


def _promover(matricula, turma):
    matricula.situacao = SituacaoMatricula.CONFIRMADA
    matricula.promovida_em = timezone.now()
    matricula.save(update_fields=["situacao", "promovida_em"])
    notificar(
        empreendedor=matricula.empreendedor,
        titulo=_("Sua vaga em %(curso)s foi confirmada") % {"curso": turma.curso.nome},
        texto=_("Abriu uma vaga e você saiu da lista de espera. Veja as datas dos encontros em Meus cursos."),
        link=reverse("formacao:meus_cursos"),
    )


@transaction.atomic
def matricula_cancelar(*, matricula):
    """Cancela; se liberou vaga, a primeira pessoa da lista de espera é promovida e avisada."""
    turma = Turma.objects.select_for_update().select_related("curso").get(pk=matricula.turma_id)
    matricula = Matricula.objects.select_for_update().get(pk=matricula.pk)
    if matricula.situacao not in (SituacaoMatricula.CONFIRMADA, SituacaoMatricula.ESPERA):
        raise ValidationError(_("Esta matrícula não pode mais ser cancelada."))
    liberou = matricula.situacao == SituacaoMatricula.CONFIRMADA
    matricula.situacao = SituacaoMatricula.CANCELADA
    matricula.cancelada_em = timezone.now()
    matricula.save(update_fields=["situacao", "cancelada_em"])
    promovida = None
    if liberou:
        promovida = (
            Matricula.objects.na_espera().filter(turma=turma).select_for_update().select_related("empreendedor").first()
        )
        if promovida and turma.situacao == SituacaoTurma.ABERTA:
            _promover(promovida, turma)
        else:
            promovida = None
            Turma.objects.filter(pk=turma.pk, vagas_ocupadas__gt=0).update(vagas_ocupadas=F("vagas_ocupadas") - 1)
    return promovida


# ---------------------------------------------------------------- lembretes


def lembretes_enviar(*, antecedencia=datetime.timedelta(hours=24)):
    """Avisa as pessoas confirmadas dos encontros que começam dentro da antecedência. Idempotente."""
    agora = timezone.now()
    enviados = 0
    pendentes = Encontro.objects.filter(
        lembrete_enviado_em__isnull=True,
        inicio__gt=agora,
        inicio__lte=agora + antecedencia,
        turma__situacao=SituacaoTurma.ABERTA,
    ).values_list("pk", flat=True)
    for pk in pendentes:
        with transaction.atomic():
            # UPDATE condicional: dois beats simultâneos não avisam duas vezes.
            if not Encontro.objects.filter(pk=pk, lembrete_enviado_em__isnull=True).update(lembrete_enviado_em=agora):
                continue
            encontro = Encontro.objects.select_related("turma__curso", "turma__ponto", "turma__espaco").get(pk=pk)
            for matricula in encontro.turma.matriculas.filter(situacao=SituacaoMatricula.CONFIRMADA).select_related(
                "empreendedor"
            ):
                notificar(
                    empreendedor=matricula.empreendedor,
                    titulo=_("Lembrete: %(curso)s em %(data)s")
                    % {"curso": encontro.turma.curso.nome, "data": _data(encontro.inicio)},
                    texto=_("Local: %(espaco)s, %(ponto)s.")
                    % {"espaco": encontro.turma.espaco.nome, "ponto": encontro.turma.ponto.nome},
                    link=reverse("formacao:meus_cursos"),
                )
                enviados += 1
    return enviados
