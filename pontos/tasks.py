from celery import shared_task

from pontos.services.tarefas import saida_despachar


@shared_task(name="pontos.despachar_saida")
def despachar_saida():
    return saida_despachar()


@shared_task(name="pontos.miniatura_gerar")
def miniatura_gerar(produto_id):
    from pontos.services.imagens import produto_miniatura_gerar

    return produto_miniatura_gerar(produto_id=produto_id)
