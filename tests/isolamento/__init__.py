def linhas_da_lista(resposta):
    """Objetos de uma lista da Gestão: o changelist do admin ou o histórico enxuto (``HistoricoAdmin``)."""
    if "cl" in resposta.context:
        return resposta.context["cl"].result_list
    return [linha.objeto for linha in resposta.context["linhas"]]
