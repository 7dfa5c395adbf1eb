from celery import shared_task

from pontos.services.tarefas import saida_despachar


@shared_task(name="pontos.despachar_saida")
def despachar_saida():
    return saida_despachar()
