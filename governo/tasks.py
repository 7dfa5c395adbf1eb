from celery import shared_task

from governo import services


@shared_task(name="governo.resumo_atualizar")
def resumo_atualizar():
    """Reconstrói o resumo do painel (beat: a cada 15 min). Devolve as linhas gravadas."""
    atualizacao = services.resumo_atualizar()
    return atualizacao.linhas if atualizacao else None


@shared_task(name="governo.relatorio_gerar")
def relatorio_gerar(relatorio_id):
    relatorio = services.relatorio_gerar(relatorio_id=relatorio_id)
    return relatorio.situacao if relatorio else None
