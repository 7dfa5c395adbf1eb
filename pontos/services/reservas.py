"""Reserva de espaços: o único caminho pelo qual um programa ocupa um espaço de um Ponto."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pontos.models import Espaco, Reserva


class ConflitoReserva(ValidationError):
    """O espaço já está ocupado no período; a mensagem diz por quem e quando."""


def _mensagem_conflito(outra):
    inicio = formats.date_format(timezone.localtime(outra.inicio), "d/m/Y H:i")
    fim = formats.time_format(timezone.localtime(outra.fim), "H:i")
    return _("%(espaco)s já está reservado(a) de %(inicio)s a %(fim)s para “%(titulo)s” (%(sec)s).") % {
        "espaco": outra.espaco.nome,
        "inicio": inicio,
        "fim": fim,
        "titulo": outra.titulo,
        "sec": outra.secretaria,
    }


@transaction.atomic
def reserva_criar(*, espaco, inicio, fim, titulo, secretaria, objeto=None, por=None, ignorar=None):
    """Reserva ``espaco`` de ``inicio`` a ``fim`` ou levanta ``ConflitoReserva`` com o motivo.

    A trava na linha do espaço serializa reservas concorrentes; no PostgreSQL a restrição de
    exclusão garante o mesmo mesmo que alguém escreva por fora deste serviço.
    """
    if fim <= inicio:
        raise ValidationError(_("O fim precisa ser depois do início."))
    espaco = Espaco.objects.select_for_update().select_related("ponto").get(pk=espaco.pk)
    conflitos = Reserva.objects.sobrepostas(espaco=espaco, inicio=inicio, fim=fim).select_related(
        "espaco", "secretaria"
    )
    if ignorar is not None:
        conflitos = conflitos.exclude(pk=ignorar.pk)
    outra = conflitos.first()
    if outra:
        raise ConflitoReserva(_mensagem_conflito(outra), code="conflito")
    reserva = Reserva(espaco=espaco, inicio=inicio, fim=fim, titulo=titulo[:200], secretaria=secretaria, criada_por=por)
    if objeto is not None:
        reserva.conteudo_tipo = ContentType.objects.get_for_model(objeto)
        reserva.objeto_id = objeto.pk
    try:
        with transaction.atomic():
            reserva.save()
    except IntegrityError as erro:
        raise ConflitoReserva(_("O espaço acabou de ser reservado por outra pessoa. Escolha outro horário.")) from erro
    return reserva


@transaction.atomic
def reserva_alterar(*, reserva, inicio, fim):
    """Muda o horário de uma reserva, conferindo conflito com as demais."""
    if fim <= inicio:
        raise ValidationError(_("O fim precisa ser depois do início."))
    Espaco.objects.select_for_update().get(pk=reserva.espaco_id)
    outra = (
        Reserva.objects.sobrepostas(espaco=reserva.espaco, inicio=inicio, fim=fim)
        .exclude(pk=reserva.pk)
        .select_related("espaco", "secretaria")
        .first()
    )
    if outra:
        raise ConflitoReserva(_mensagem_conflito(outra), code="conflito")
    reserva.inicio, reserva.fim = inicio, fim
    reserva.save(update_fields=["inicio", "fim"])
    return reserva


def reserva_cancelar(*, reserva):
    reserva.cancelada = True
    reserva.save(update_fields=["cancelada"])


def reservas_do_objeto(objeto):
    return Reserva.objects.filter(
        conteudo_tipo=ContentType.objects.get_for_model(objeto), objeto_id=objeto.pk
    ).select_related("espaco")


def reservas_cancelar_do_objeto(objeto):
    reservas_do_objeto(objeto).update(cancelada=True)
