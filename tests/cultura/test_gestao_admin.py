"""Cadastro de chamadas na Gestão: a secretaria vem do usuário, nunca do formulário."""

import pytest
from django.urls import reverse

from cultura.models import Chamada, Criterio


def _dados(**extra):
    dados = {
        "titulo": "Chamada de oficinas",
        "finalidade": "oficinas",
        "descricao": "Oficinas nas Casas de Cultura.",
        "elegibilidade": "Artistas educadores.",
        "abertura_0": "01/02/2027",
        "abertura_1": "09:00",
        "encerramento_0": "28/02/2027",
        "encerramento_1": "18:00",
        "vagas": "4",
        "cache_valor": "1200,00",
        "prazo_recurso_dias": "3",
        "criterios-TOTAL_FORMS": "1",
        "criterios-INITIAL_FORMS": "0",
        "criterios-0-nome": "Experiência",
        "criterios-0-peso": "2",
        "criterios-0-nota_maxima": "10",
        "criterios-0-ordem": "0",
        "documentos_exigidos-TOTAL_FORMS": "0",
        "documentos_exigidos-INITIAL_FORMS": "0",
    }
    dados.update(extra)
    return dados


@pytest.mark.django_db
def test_gestor_cadastra_chamada_da_sua_secretaria(client, gestor_smc, smc, svma):
    client.force_login(gestor_smc)
    assert client.get(reverse("gestao:cultura_chamada_add")).status_code == 200
    resposta = client.post(reverse("gestao:cultura_chamada_add"), _dados(secretaria=str(svma.pk)))
    assert resposta.status_code == 302, resposta.content.decode()[:2000]
    chamada = Chamada.objects.get()
    assert chamada.secretaria == smc and chamada.estado == "rascunho"
    assert Criterio.objects.get(chamada=chamada).peso == 2
    assert client.get(reverse("gestao:cultura_chamada_change", args=[chamada.pk])).status_code == 200


@pytest.mark.django_db
def test_governo_so_le(client, usuario_governo, chamada):
    client.force_login(usuario_governo)
    assert client.get(reverse("gestao:cultura_chamada_changelist")).status_code == 200
    assert client.get(reverse("gestao:cultura_chamada_add")).status_code == 403
    resposta = client.post(reverse("cultura:gestao_chamada_acao", kwargs={"pk": chamada.pk}), {"acao": "encerrar"})
    assert resposta.status_code == 403
