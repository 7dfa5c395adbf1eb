"""Caixa de saída de tarefas: nada se perde quando o broker (Redis) está fora.

``tarefa_enfileirar`` grava a tarefa na tabela ``TarefaPendente`` dentro da transação e, só
depois do commit, tenta entregá-la ao Celery. Se o broker falhar, a linha fica lá e a tarefa
periódica ``pontos.despachar_saida`` (ou o próximo envio) a entrega quando o Redis voltar.
As tarefas são idempotentes: recebem ids, recarregam do banco e toleram repetição.
"""

import logging

from celery import current_app
from django.db import transaction
from django.utils import timezone

from pontos.models import TarefaPendente

log = logging.getLogger(__name__)


def tarefa_enfileirar(nome, **argumentos):
    pendente = TarefaPendente.objects.create(tarefa=nome, argumentos=argumentos)
    transaction.on_commit(lambda: _entregar(pendente.pk))
    return pendente


def _entregar(pk):
    linhas = TarefaPendente.objects.filter(pk=pk, enviada_em__isnull=True).update(enviada_em=timezone.now())
    if not linhas:
        return False
    pendente = TarefaPendente.objects.get(pk=pk)
    if current_app.conf.task_always_eager and pendente.tarefa not in current_app.tasks:
        # Fora do worker a descoberta de tarefas é preguiçosa: importa os ``tasks.py`` agora.
        current_app.loader.import_default_modules()
    try:
        current_app.send_task(
            pendente.tarefa, kwargs=pendente.argumentos
        ) if not current_app.conf.task_always_eager else current_app.tasks[pendente.tarefa].apply(
            kwargs=pendente.argumentos
        )
    except Exception:  # broker fora do ar: devolve à fila para a próxima tentativa
        log.warning("Broker indisponível; tarefa %s fica na caixa de saída.", pendente.tarefa)
        TarefaPendente.objects.filter(pk=pk).update(enviada_em=None, tentativas=pendente.tentativas + 1)
        return False
    return True


def saida_despachar(limite=500):
    """Entrega as tarefas que ficaram na caixa de saída; devolve quantas foram entregues."""
    entregues = 0
    for pk in (
        TarefaPendente.objects.filter(enviada_em__isnull=True)
        .order_by("criada_em")
        .values_list("pk", flat=True)[:limite]
    ):
        if _entregar(pk):
            entregues += 1
        else:
            break
    return entregues
