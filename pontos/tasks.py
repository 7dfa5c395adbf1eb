"""Tarefas do núcleo e o decorador comum às tarefas do portal."""

import functools

from celery import shared_task
from django.core.cache import cache

from pontos.services.tarefas import saida_despachar

# Tarefas recebem ids, recarregam do banco e são idempotentes; erros passageiros (banco
# reiniciando, SMTP fora) são tentados de novo com espera exponencial (até ~10 min).
tarefa = functools.partial(
    shared_task,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
    acks_late=True,
)


@shared_task(name="pontos.despachar_saida")
def despachar_saida():
    return saida_despachar()


@tarefa(name="pontos.sonda")
def sonda(*, chave):
    """Sonda de saúde do worker: conta no cache quantas vezes ``chave`` rodou.

    Usada pelos testes de confiabilidade e por quem quiser conferir que broker, worker e
    cache estão de pé (``tarefa_enfileirar("pontos.sonda", chave=...)``).
    """
    nome = f"sonda:{chave}"
    cache.add(nome, 0, timeout=24 * 3600)
    return cache.incr(nome)


@tarefa(name="pontos.miniatura_gerar")
def miniatura_gerar(produto_id):
    from pontos.services.imagens import produto_miniatura_gerar

    return produto_miniatura_gerar(produto_id=produto_id)
