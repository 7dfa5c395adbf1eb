import io

import pytest
from django.apps import apps
from django.core.management import call_command

# Registros de execução (caixa de saída, histórico de atualizações do resumo) crescem a cada
# rodada por natureza; os dados da demonstração não.
REGISTROS = {"pontos.TarefaPendente", "governo.AtualizacaoResumo"}


def _contagens():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"pontos", "feiras", "formacao", "cultura", "governo"}
        and m._meta.label not in REGISTROS
    }


@pytest.mark.django_db(transaction=True)
def test_demonstracao_do_butanta_roda_de_novo_sem_duplicar():
    saida = io.StringIO()
    call_command("demo_butanta", stdout=saida)
    assert "Logins de demonstração (senha de todos: demo12345)" in saida.getvalue()
    assert "gestor.smdet@demo.prefeitura.sp.gov.br" in saida.getvalue()
    primeira = _contagens()
    assert primeira["pontos.Ponto"] == 4 and primeira["pontos.Empreendedor"] == 12
    call_command("demo_butanta", stdout=io.StringIO())
    segunda = _contagens()
    mudaram = {k: (primeira[k], segunda[k]) for k in primeira if primeira[k] != segunda[k]}
    assert not mudaram, mudaram
