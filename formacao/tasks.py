"""Tarefas Celery da formação: recebem ids, recarregam do banco e toleram repetição."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from formacao import services
from pontos.models import Notificacao


@shared_task(name="formacao.aviso_email")
def aviso_email(notificacao_id):
    """Manda por e-mail um aviso já gravado em Minha conta; uma vez só por aviso.

    A marca fica no banco, gravada na mesma transação que trava o aviso: duas cópias da tarefa
    não mandam dois e-mails, e um envio que falha não deixa marca (a nova tentativa manda).
    """
    with transaction.atomic():
        aviso = (
            Notificacao.objects.select_for_update(of=("self",))
            .select_related("usuario")
            .filter(pk=notificacao_id, email_enviado_em__isnull=True)
            .first()
        )
        if aviso is None or not aviso.usuario.email:
            return False
        send_mail(
            subject=f"[Rede de Pontos] {aviso.titulo}",
            message=f"{aviso.texto}\n\n{aviso.link}".strip(),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[aviso.usuario.email],
        )
        aviso.email_enviado_em = timezone.now()
        aviso.save(update_fields=["email_enviado_em"])
    return True


@shared_task(name="formacao.lembretes_enviar")
def lembretes_enviar():
    return services.lembretes_enviar()
