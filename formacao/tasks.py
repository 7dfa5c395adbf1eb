"""Tarefas Celery da formação: recebem ids, recarregam do banco e toleram repetição."""

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail

from formacao import services
from pontos.models import Notificacao


@shared_task(name="formacao.aviso_email")
def aviso_email(notificacao_id):
    """Manda por e-mail um aviso já gravado em Minha conta; uma vez só por aviso."""
    aviso = Notificacao.objects.select_related("usuario").filter(pk=notificacao_id).first()
    if aviso is None or not aviso.usuario.email:
        return False
    if not cache.add(f"formacao:aviso-email:{aviso.pk}", 1, timeout=7 * 24 * 3600):
        return False
    send_mail(
        subject=f"[Rede de Pontos] {aviso.titulo}",
        message=f"{aviso.texto}\n\n{aviso.link}".strip(),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[aviso.usuario.email],
    )
    return True


@shared_task(name="formacao.lembretes_enviar")
def lembretes_enviar():
    return services.lembretes_enviar()
