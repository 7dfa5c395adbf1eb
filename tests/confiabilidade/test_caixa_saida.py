"""Caixa de saída (``pontos.services.tarefas``): após o commit, sem perder nem duplicar."""

import datetime
from unittest import mock

import pytest
from celery import current_app
from django.db import transaction
from django.utils import timezone

from pontos.models import TarefaPendente
from pontos.services import tarefas
from pontos.services.tarefas import saida_despachar, tarefa_enfileirar, tarefas_enfileirar


@pytest.fixture
def ansioso(settings):
    anterior = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = anterior


@pytest.fixture
def broker_fora():
    with mock.patch.object(tarefas, "_publicar", side_effect=ConnectionRefusedError("Redis fora")) as falso:
        yield falso


@pytest.mark.django_db(transaction=True)
def test_so_entrega_depois_do_commit(ansioso):
    with mock.patch.object(tarefas, "_publicar") as publicar:
        with transaction.atomic():
            pendente = tarefa_enfileirar("pontos.sonda", chave="commit")
            assert not publicar.called
        publicar.assert_called_once()
    pendente.refresh_from_db()
    assert pendente.enviada_em is not None


@pytest.mark.django_db(transaction=True)
def test_rollback_descarta_a_tarefa(ansioso):
    with mock.patch.object(tarefas, "_publicar") as publicar:
        with pytest.raises(RuntimeError), transaction.atomic():
            tarefa_enfileirar("pontos.sonda", chave="rollback")
            raise RuntimeError("falha no meio do serviço")
    assert not publicar.called
    assert not TarefaPendente.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_broker_fora_guarda_e_depois_entrega_uma_vez(broker_fora):
    primeira = tarefa_enfileirar("pontos.sonda", chave="a")
    segunda = tarefa_enfileirar("pontos.sonda", chave="b")
    assert TarefaPendente.objects.filter(enviada_em__isnull=True).count() == 2
    primeira.refresh_from_db()
    assert primeira.tentativas == 1
    # com o broker ainda fora, o despacho para no primeiro erro e não perde nada
    assert saida_despachar(ignorar_espera=True) == 0
    assert TarefaPendente.objects.filter(enviada_em__isnull=True).count() == 2
    broker_fora.side_effect = None
    broker_fora.reset_mock()
    assert saida_despachar(ignorar_espera=True) == 2
    assert [c.args[0].pk for c in broker_fora.call_args_list] == [primeira.pk, segunda.pk]
    # nada é entregue duas vezes
    assert saida_despachar(ignorar_espera=True) == 0
    assert broker_fora.call_count == 2


@pytest.mark.django_db
def test_espera_cresce_com_as_tentativas():
    agora = timezone.now()
    nova = TarefaPendente.objects.create(tarefa="pontos.sonda", argumentos={"chave": "x"}, tentativas=0)
    esquecida = TarefaPendente.objects.create(tarefa="pontos.sonda", argumentos={"chave": "w"}, tentativas=0)
    recente = TarefaPendente.objects.create(tarefa="pontos.sonda", argumentos={"chave": "y"}, tentativas=3)
    antiga = TarefaPendente.objects.create(tarefa="pontos.sonda", argumentos={"chave": "z"}, tentativas=3)
    TarefaPendente.objects.filter(pk=recente.pk).update(criada_em=agora - datetime.timedelta(minutes=5))
    TarefaPendente.objects.filter(pk=antiga.pk).update(criada_em=agora - datetime.timedelta(minutes=9))
    TarefaPendente.objects.filter(pk=esquecida.pk).update(criada_em=agora - datetime.timedelta(minutes=2))
    prontas = set(TarefaPendente.objects.filter(tarefas._pronta(agora)).values_list("pk", flat=True))
    # a nova ainda está sendo entregue por quem a gravou; a esquecida (processo morreu antes) vai agora
    assert nova.pk not in prontas
    assert prontas == {esquecida.pk, antiga.pk}
    assert tarefas._espera(1) < tarefas._espera(2) < tarefas._espera(3)
    assert tarefas._espera(30) == datetime.timedelta(minutes=60)


@pytest.mark.django_db(transaction=True)
def test_tarefa_ansiosa_roda_de_verdade(ansioso, settings):
    from django.core.cache import cache

    cache.delete("sonda:ansiosa")
    tarefa_enfileirar("pontos.sonda", chave="ansiosa")
    assert cache.get("sonda:ansiosa") == 1
    assert TarefaPendente.objects.get().enviada_em is not None


@pytest.fixture
def com_broker():
    """Celery como em produção (sem ``eager``), com a publicação observada."""
    anterior = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    with mock.patch.object(tarefas, "_publicar") as publicar:
        yield publicar
    current_app.conf.task_always_eager = anterior


@pytest.mark.django_db(transaction=True)
def test_varias_de_uma_vez_e_despacho_em_lotes(com_broker):
    with transaction.atomic():
        criadas = tarefas_enfileirar("pontos.sonda", [{"chave": str(i)} for i in range(4)])
        assert not com_broker.called
    assert [c.args[0].pk for c in com_broker.call_args_list] == [t.pk for t in criadas]
    assert not TarefaPendente.objects.filter(enviada_em__isnull=True).exists()
    # as que ficaram (o processo morreu antes de publicar) saem pelo despachante, em lotes
    esquecidas = [TarefaPendente.objects.create(tarefa="pontos.sonda", argumentos={"chave": f"e{i}"}) for i in range(7)]
    TarefaPendente.objects.filter(pk__in=[t.pk for t in esquecidas]).update(
        criada_em=timezone.now() - datetime.timedelta(minutes=2)
    )
    com_broker.reset_mock()
    assert saida_despachar(lote=3) == 7  # três lotes: 3 + 3 + 1
    assert [c.args[0].pk for c in com_broker.call_args_list] == [t.pk for t in esquecidas]
    assert saida_despachar() == 0


@pytest.mark.django_db(transaction=True)
def test_varias_com_broker_fora_ficam_todas_para_depois(com_broker):
    com_broker.side_effect = [None, ConnectionRefusedError("Redis fora")]
    criadas = tarefas_enfileirar("pontos.sonda", [{"chave": str(i)} for i in range(3)])
    enviadas = dict(TarefaPendente.objects.filter(pk__in=[t.pk for t in criadas]).values_list("pk", "tentativas"))
    assert TarefaPendente.objects.get(pk=criadas[0].pk).enviada_em is not None
    assert enviadas[criadas[1].pk] == enviadas[criadas[2].pk] == 1
    assert TarefaPendente.objects.filter(enviada_em__isnull=True).count() == 2


@pytest.mark.django_db(transaction=True)
def test_varredura_adiantada_so_sem_broker(com_broker):
    with mock.patch.object(tarefas, "_tarefa") as tarefa:
        tarefas.varredura_adiantar("feiras.avisar_recebidas")
        assert not tarefa.called  # com broker, quem roda é o beat
        current_app.conf.task_always_eager = True
        tarefas.varredura_adiantar("feiras.avisar_recebidas")
        tarefa.assert_called_once_with("feiras.avisar_recebidas")
