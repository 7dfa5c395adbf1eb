"""Tarefas Celery das feiras: recebem ids, recarregam do banco e são idempotentes."""

import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from feiras.models import AvisoEnviado, Feira, Inscricao, StatusFeira, StatusInscricao
from feiras.selectors import feira_inscricao_esquecer
from pontos.models import Notificacao
from pontos.services.tarefas import tarefas_enfileirar

TITULOS = {
    "recebida": _("Recebemos sua inscrição na feira"),
    "aprovada": _("Sua banca na feira foi aprovada"),
    "espera": _("Você está na lista de espera da feira"),
    "promovida": _("Abriu uma banca para você na feira"),
    "recusada": _("Sua inscrição na feira não foi aprovada"),
    "lembrete": _("Amanhã tem feira: sua banca está reservada"),
    "alterada": _("A feira mudou de data ou horário"),
    "cancelada": _("A feira foi cancelada"),
    "relato": _("Conte quanto você vendeu na feira"),
}


def aviso_enviar(inscricao, tipo, versao=""):
    """Cria a notificação em Minha conta e manda o e-mail, uma única vez por chave."""
    chave = f"{tipo}:{inscricao.pk}:{versao}"[:120]
    try:
        with transaction.atomic():
            AvisoEnviado.objects.create(chave=chave)
    except IntegrityError:
        return False
    pessoa = inscricao.empreendedor
    link = reverse("feiras:inscricao_detalhe", kwargs={"pk": inscricao.pk})
    contexto = {"inscricao": inscricao, "feira": inscricao.feira, "pessoa": pessoa, "link": link}
    alocacao = getattr(inscricao, "alocacao", None) if tipo in {"aprovada", "promovida", "lembrete"} else None
    contexto["banca"] = alocacao.banca if alocacao else None
    texto = render_to_string(f"feiras/email/{tipo}.txt", contexto)
    titulo = f"{TITULOS[tipo]}: {inscricao.feira.titulo}"[:200]
    if pessoa.usuario_id:
        Notificacao.objects.create(usuario_id=pessoa.usuario_id, titulo=titulo, texto=texto, link=link)
    destino = pessoa.email or (pessoa.usuario.email if pessoa.usuario_id else "")
    if destino:
        send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + titulo, texto, None, [destino], fail_silently=False)
    return True


def _inscricao(pk):
    return (
        Inscricao.objects.select_related("feira__ponto", "empreendedor__usuario", "categoria", "alocacao__banca")
        .filter(pk=pk)
        .first()
    )


@shared_task(name="feiras.notificar", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notificar(inscricao_id, tipo, versao=""):
    inscricao = _inscricao(inscricao_id)
    if inscricao is None:
        return False
    return aviso_enviar(inscricao, tipo, versao)


@shared_task(name="feiras.avisar_recebidas")
def avisar_recebidas(lote=500):
    """Beat (a cada 10 s): enfileira em lote os avisos de "inscrição recebida" ainda pendentes.

    Quando a chamada abre, chegam centenas de inscrições por segundo; cada pedido só grava a
    inscrição (pendente de aviso) e esta varredura cria as tarefas de aviso aos lotes — duas
    varreduras simultâneas não pegam a mesma linha (``SKIP LOCKED``).
    """
    total = 0
    while True:
        with transaction.atomic():
            pks = list(
                Inscricao.objects.select_for_update(skip_locked=True)
                .filter(aviso_recebida_pendente=True)
                .order_by("criada_em")
                .values_list("pk", flat=True)[:lote]
            )
            tarefas_enfileirar("feiras.notificar", [{"inscricao_id": pk, "tipo": "recebida"} for pk in pks])
            Inscricao.objects.filter(pk__in=pks).update(aviso_recebida_pendente=False)
        total += len(pks)
        if len(pks) < lote:
            return total


@shared_task(name="feiras.notificar_resultado", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notificar_resultado(feira_id):
    """Depois da alocação: aprovadas recebem a banca, as demais a posição na espera."""
    enviados = 0
    consulta = Inscricao.objects.filter(
        feira_id=feira_id, status__in=[StatusInscricao.APROVADA, StatusInscricao.ESPERA]
    ).select_related("feira__ponto", "empreendedor__usuario", "categoria", "alocacao__banca")
    for inscricao in consulta.iterator(chunk_size=500):
        tipo = "aprovada" if inscricao.status == StatusInscricao.APROVADA else "espera"
        enviados += aviso_enviar(inscricao, tipo, "alocacao")
    return enviados


@shared_task(name="feiras.notificar_feira", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notificar_feira(feira_id, tipo, versao=""):
    estados = {
        "alterada": [StatusInscricao.RECEBIDA, StatusInscricao.APROVADA, StatusInscricao.ESPERA],
        "cancelada": [StatusInscricao.RECEBIDA, StatusInscricao.APROVADA, StatusInscricao.ESPERA],
        "lembrete": [StatusInscricao.APROVADA],
        "relato": [StatusInscricao.PRESENTE, StatusInscricao.APROVADA],
    }[tipo]
    enviados = 0
    consulta = Inscricao.objects.filter(feira_id=feira_id, status__in=estados).select_related(
        "feira__ponto", "empreendedor__usuario", "categoria", "alocacao__banca"
    )
    for inscricao in consulta.iterator(chunk_size=500):
        enviados += aviso_enviar(inscricao, tipo, versao)
    return enviados


@shared_task(name="feiras.alocar_fechadas")
def alocar_fechadas():
    """Beat: aloca as edições cuja janela de inscrição fechou."""
    from feiras.services import alocacao_executar

    feitas = 0
    for feira in Feira.objects.filter(
        status=StatusFeira.AGENDADA, alocada_em__isnull=True, inscricoes_fecham__lte=timezone.now()
    ):
        alocacao_executar(feira=feira)
        feitas += 1
    return feitas


@shared_task(name="feiras.lembrar_vespera")
def lembrar_vespera():
    amanha = timezone.localdate() + datetime.timedelta(days=1)
    for feira_id in Feira.objects.filter(status=StatusFeira.AGENDADA, data=amanha).values_list("pk", flat=True):
        notificar_feira(feira_id, "lembrete")


@shared_task(name="feiras.pedir_relatos")
def pedir_relatos():
    """Beat: no fim do dia da feira, marca-a realizada e pede o relato de vendas."""
    hoje = timezone.localdate()
    for feira_id in Feira.objects.filter(status=StatusFeira.AGENDADA, data=hoje).values_list("pk", flat=True):
        Feira.objects.filter(pk=feira_id).update(status=StatusFeira.REALIZADA)
        feira_inscricao_esquecer(feira_id)
        notificar_feira(feira_id, "relato")
