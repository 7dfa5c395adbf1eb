"""Caixa de saída de tarefas: nada se perde quando o broker (Redis) está fora.

``tarefa_enfileirar("app.nome", **kwargs)`` grava a tarefa em ``TarefaPendente`` dentro da
transação de quem chama; só depois do commit (``transaction.on_commit``) tenta entregá-la ao
Celery. Se a transação desfizer, a tarefa some junto — nunca roda sobre dados que não existem.

Entrega logo após o commit (``_entregar_agora``): quem acabou de gravar a linha a publica com
``task_id = "saida-<pk>"`` e a marca como enviada num só ``UPDATE``, sem travar nada, porque
ninguém mais a disputa: o despachante só pega linhas novas depois de ``CARENCIA``. Se o broker
não responde (tempo curto de conexão, sem novas tentativas na publicação), a linha fica com
``tentativas + 1`` e a resposta da página não espera: o formulário responde em menos de 2 s com
o Redis fora. ``tarefas_enfileirar`` faz o mesmo para muitas linhas (um INSERT, um UPDATE).

Avisos que chegam em rajada (a confirmação de cada inscrição quando a chamada de uma feira abre)
não passam um a um por aqui: o pedido grava só o dado (``Inscricao.aviso_recebida_pendente``) e
uma tarefa de varredura do beat, a cada poucos segundos, enfileira os avisos em lote
(``feiras.avisar_recebidas``). Sem broker nem beat (``eager``), ``varredura_adiantar`` a roda
logo após o commit.

Entrega pelo despachante (``saida_despachar``, tarefa periódica): em lotes, com ``SELECT … FOR
UPDATE SKIP LOCKED`` (dois despachantes nunca mandam a mesma linha).

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
from django.db.models import F, Q
from django.utils import timezone

from pontos.models import TarefaPendente

log = logging.getLogger(__name__)

ESPERA_MAXIMA_MIN = 60
# Linhas novas são entregues por quem as gravou; o despachante só as pega depois disto.
CARENCIA = datetime.timedelta(minutes=1)


def tarefa_enfileirar(nome, **argumentos):
    """Grava a tarefa na caixa de saída; a entrega ao Celery acontece após o commit."""
    pendente = TarefaPendente.objects.create(tarefa=nome, argumentos=argumentos)
    transaction.on_commit(lambda: _entregar_agora([pendente]))
    return pendente


def tarefas_enfileirar(nome, lista_argumentos):
    """Várias tarefas de uma vez (um INSERT), entregues após o commit; para varreduras em lote."""
    pendentes = TarefaPendente.objects.bulk_create(
        [TarefaPendente(tarefa=nome, argumentos=argumentos) for argumentos in lista_argumentos]
    )
    if pendentes:
        transaction.on_commit(lambda: _entregar_agora(pendentes))
    return pendentes


def varredura_adiantar(nome):
    """Tarefas de varredura (o beat as roda a cada poucos segundos) rodam logo após o commit quando não
    há broker nem beat — Celery ``eager``, no desenvolvimento e nos testes. Com broker, não faz nada:
    a próxima passada do beat pega o que foi gravado."""
    if current_app.conf.task_always_eager:
        transaction.on_commit(lambda: _tarefa(nome).apply())


def _espera(tentativas):
    """Espera antes da próxima tentativa: 1, 2, 4, 8… minutos, no máximo uma hora."""
    return datetime.timedelta(minutes=min(2**tentativas, ESPERA_MAXIMA_MIN)) if tentativas else datetime.timedelta(0)


def _tarefa(nome):
    if nome not in current_app.tasks:
        current_app.loader.import_default_modules()  # autodescoberta das tasks.py
    return current_app.tasks[nome]


def _publicar(pendente):
    if current_app.conf.task_always_eager:
        _tarefa(pendente.tarefa).apply(kwargs=pendente.argumentos, task_id=f"saida-{pendente.pk}")
    else:
        current_app.send_task(pendente.tarefa, kwargs=pendente.argumentos, task_id=f"saida-{pendente.pk}", retry=False)


def _entregar_agora(pendentes):
    """Publica as linhas recém-gravadas e as marca como enviadas num só UPDATE; devolve quantas publicou."""
    publicadas = []
    for pendente in pendentes:
        try:
            _publicar(pendente)
        except Exception:  # broker fora do ar: esta e as seguintes ficam para o despachante
            log.warning(
                "Falha ao publicar %s (%s); fica na caixa de saída.", pendente.tarefa, pendente.pk, exc_info=True
            )
            restantes = [p.pk for p in pendentes[len(publicadas) :]]
            TarefaPendente.objects.filter(pk__in=restantes).update(tentativas=F("tentativas") + 1)
            break
        publicadas.append(pendente.pk)
    if publicadas:
        TarefaPendente.objects.filter(pk__in=publicadas, enviada_em__isnull=True).update(enviada_em=timezone.now())
    return len(publicadas)


def _pronta(agora):
    """Filtro das linhas cuja espera (pela quantidade de tentativas) já passou."""
    condicao = Q(tentativas=0, criada_em__lte=agora - CARENCIA)
    for n in range(1, 8):
        condicao |= Q(tentativas=n, criada_em__lte=agora - _espera(n))
    return condicao | Q(tentativas__gte=8, criada_em__lte=agora - _espera(8))


def saida_despachar(limite=5000, *, ignorar_espera=False, lote=500):
    """Entrega as tarefas que esperam na caixa de saída; devolve quantas foram entregues.

    Em lotes: cada lote reserva até ``lote`` linhas com ``SELECT … FOR UPDATE SKIP LOCKED`` (dois
    despachantes nunca mandam a mesma linha), publica-as e as marca num só ``UPDATE``. Para no
    primeiro erro do broker (não adianta insistir com ele fora do ar); a linha que falhou ganha
    ``tentativas + 1`` e espera mais da próxima vez.
    """
    entregues = 0
    while entregues < limite:
        agora = timezone.now()
        publicadas, falha = [], None
        with transaction.atomic():
            fila = TarefaPendente.objects.select_for_update(skip_locked=True).filter(enviada_em__isnull=True)
            if not ignorar_espera:
                fila = fila.filter(_pronta(agora))
            reservadas = list(fila.order_by("criada_em", "pk")[: min(lote, limite - entregues)])
            for pendente in reservadas:
                try:
                    _publicar(pendente)
                except Exception:  # broker fora do ar: esta e as seguintes ficam para depois
                    log.warning(
                        "Falha ao publicar %s (%s); fica na caixa de saída.",
                        pendente.tarefa,
                        pendente.pk,
                        exc_info=True,
                    )
                    falha = pendente
                    break
                publicadas.append(pendente.pk)
            if publicadas:
                TarefaPendente.objects.filter(pk__in=publicadas).update(enviada_em=timezone.now())
        if falha is not None:
            TarefaPendente.objects.filter(pk=falha.pk).update(tentativas=F("tentativas") + 1)
        entregues += len(publicadas)
        if falha is not None or len(reservadas) < lote:
            break
    return entregues
