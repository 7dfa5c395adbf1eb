"""Caixa de saída (``pontos.services.tarefas``): após o commit, sem perder nem duplicar."""

import datetime
from unittest import mock

import pytest
from celery import current_app
from django.db import transaction
from django.utils import timezone

from pontos.models import TarefaPendente
from pontos.services import tarefas
from pontos.services.tarefas import saida_despachar, tarefa_enfileirar


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
    recente = TarefaPendente.objects.create(tarefa="pontos.sonda", argumentos={"chave": "y"}, tentativas=3)
    antiga = TarefaPendente.objects.create(tarefa="pontos.sonda", argumentos={"chave": "z"}, tentativas=3)
    TarefaPendente.objects.filter(pk=recente.pk).update(criada_em=agora - datetime.timedelta(minutes=5))
    TarefaPendente.objects.filter(pk=antiga.pk).update(criada_em=agora - datetime.timedelta(minutes=9))
    prontas = set(TarefaPendente.objects.filter(tarefas._pronta(agora)).values_list("pk", flat=True))
    assert prontas == {nova.pk, antiga.pk}
    assert tarefas._espera(1) < tarefas._espera(2) < tarefas._espera(3)
    assert tarefas._espera(30) == datetime.timedelta(minutes=60)


@pytest.mark.django_db(transaction=True)
def test_tarefa_ansiosa_roda_de_verdade(ansioso, settings):
    from django.core.cache import cache

    cache.delete("sonda:ansiosa")
    tarefa_enfileirar("pontos.sonda", chave="ansiosa")
    assert cache.get("sonda:ansiosa") == 1
    assert TarefaPendente.objects.get().enviada_em is not None
