"""Caixa de saída de tarefas: nada se perde quando o broker (Redis) está fora.

``tarefa_enfileirar("app.nome", **kwargs)`` grava a tarefa em ``TarefaPendente`` dentro da
transação de quem chama; só depois do commit (``transaction.on_commit``) tenta entregá-la ao
Celery. Se a transação desfizer, a tarefa some junto — nunca roda sobre dados que não existem.

Entrega (``_entregar``): a linha é reservada com ``SELECT … FOR UPDATE SKIP LOCKED`` (dois
despachantes nunca mandam a mesma linha), publicada com ``task_id = "saida-<pk>"`` e marcada
como enviada na mesma transação curta. Se o broker não responde (tempo curto de conexão, sem
novas tentativas na publicação), a linha volta para a fila com ``tentativas + 1`` e a resposta
da página não espera: o formulário responde em menos de 2 s com o Redis fora.

Novas tentativas com espera crescente: a tarefa periódica ``pontos.despachar_saida`` (beat, a
cada minuto) entrega o que ficou, parando no primeiro erro do broker; uma linha com ``n``
tentativas só é tentada de novo quando a linha tem mais de ``min(2**n, 60)`` minutos
(ver ``_pronta``). Entrega é "ao menos uma vez": se o processo morrer entre
publicar e gravar, a linha é publicada de novo com o mesmo ``task_id``; por isso as tarefas
recebem ids, recarregam do banco e são idempotentes (``pontos.tasks.tarefa``).
"""

import datetime
import logging

from celery import current_app
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pontos.models import TarefaPendente

log = logging.getLogger(__name__)

ESPERA_MAXIMA_MIN = 60


def tarefa_enfileirar(nome, **argumentos):
    """Grava a tarefa na caixa de saída; a entrega ao Celery acontece após o commit."""
    pendente = TarefaPendente.objects.create(tarefa=nome, argumentos=argumentos)
    transaction.on_commit(lambda: _entregar(pendente.pk))
    return pendente


def _espera(tentativas):
    """Espera antes da próxima tentativa: 1, 2, 4, 8… minutos, no máximo uma hora."""
    return datetime.timedelta(minutes=min(2**tentativas, ESPERA_MAXIMA_MIN)) if tentativas else datetime.timedelta(0)


def _publicar(pendente):
    if current_app.conf.task_always_eager:
        if pendente.tarefa not in current_app.tasks:
            current_app.loader.import_default_modules()  # autodescoberta das tasks.py
        current_app.tasks[pendente.tarefa].apply(kwargs=pendente.argumentos, task_id=f"saida-{pendente.pk}")
    else:
        current_app.send_task(pendente.tarefa, kwargs=pendente.argumentos, task_id=f"saida-{pendente.pk}", retry=False)


def _entregar(pk):
    """Tenta entregar uma tarefa; devolve True se publicou, False se o broker falhou ou já foi."""
    falhou = False
    with transaction.atomic():
        pendente = (
            TarefaPendente.objects.select_for_update(skip_locked=True).filter(pk=pk, enviada_em__isnull=True).first()
        )
        if pendente is None:
            return False
        try:
            _publicar(pendente)
        except Exception:  # broker fora do ar: a linha fica para a próxima tentativa
            log.warning("Falha ao publicar %s (%s); fica na caixa de saída.", pendente.tarefa, pk, exc_info=True)
            falhou = True
        if not falhou:
            TarefaPendente.objects.filter(pk=pk).update(enviada_em=timezone.now())
    if falhou:
        TarefaPendente.objects.filter(pk=pk).update(tentativas=pendente.tentativas + 1)
        return False
    return True


def _pronta(agora):
    """Filtro das linhas cuja espera (pela quantidade de tentativas) já passou."""
    condicao = Q(tentativas=0)
    for n in range(1, 8):
        condicao |= Q(tentativas=n, criada_em__lte=agora - _espera(n))
    return condicao | Q(tentativas__gte=8, criada_em__lte=agora - _espera(8))


def saida_despachar(limite=500, *, ignorar_espera=False):
    """Entrega as tarefas que ficaram na caixa de saída; devolve quantas foram entregues.

    Para no primeiro erro do broker (não adianta insistir com ele fora do ar).
    """
    agora = timezone.now()
    fila = TarefaPendente.objects.filter(enviada_em__isnull=True)
    if not ignorar_espera:
        fila = fila.filter(_pronta(agora))
    entregues = 0
    for pk in fila.order_by("criada_em", "pk").values_list("pk", flat=True)[:limite]:
        if _entregar(pk):
            entregues += 1
        elif TarefaPendente.objects.filter(pk=pk, enviada_em__isnull=True).exists():
            break
    return entregues
