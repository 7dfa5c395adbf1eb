"""Históricos da Gestão (``HistoricoAdmin``): escopo, filtros, busca, cursor e consultas fixas."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feiras.models import Banca, Inscricao
from tests.factories.feiras import AlocacaoFactory, InscricaoFactory, RelatoVendasFactory, feira_com_bancas
from tests.factories.formacao import CursoFactory, MatriculaFactory, TurmaFactory

pytestmark = pytest.mark.django_db

LISTA = reverse("gestao:feiras_inscricao_changelist")


def _nos(resposta):
    return [linha.objeto.pk for linha in resposta.context["linhas"]]


def test_mais_recentes_primeiro_com_link_para_o_detalhe(client, gestor_smdet, smdet, gestor_svma):
    feira, cat = feira_com_bancas(secretaria=smdet)
    inscricoes = [InscricaoFactory(feira=feira, categoria=cat) for _ in range(3)]
    client.force_login(gestor_smdet)
    resposta = client.get(LISTA)
    assert resposta.status_code == 200
    assert _nos(resposta) == [i.pk for i in reversed(inscricoes)]
    html = resposta.content.decode()
    assert f'href="{LISTA}{inscricoes[0].pk}/change/"' in html
    assert inscricoes[0].empreendedor.nome_exibicao in html
    assert "<td>Recebida</td>" in html
    assert client.get(f"{LISTA}{inscricoes[0].pk}/change/").status_code == 200
    InscricaoFactory(feira=feira, categoria=cat, empreendedor__nome='<script>alert("x")</script> & cia')
    html = client.get(LISTA).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; cia" in html
    assert '<script>alert("x")' not in html
    # Outra secretaria não vê as inscrições desta (a varredura de isolamento cobre todos os modelos).
    client.force_login(gestor_svma)
    assert _nos(client.get(LISTA)) == []


def test_filtro_por_situacao_e_valor_invalido_com_mensagem(client, gestor_smdet, smdet):
    feira, cat = feira_com_bancas(secretaria=smdet)
    aprovada = InscricaoFactory(feira=feira, categoria=cat, status="aprovada")
    InscricaoFactory(feira=feira, categoria=cat)
    client.force_login(gestor_smdet)
    assert _nos(client.get(LISTA, {"status": "aprovada"})) == [aprovada.pk]
    resposta = client.get(LISTA, {"status": "<script>", "antes": "abc"})
    assert resposta.status_code == 200
    assert len(_nos(resposta)) == 2, "filtro inválido não filtra"
    html = resposta.content.decode()
    assert "Faça uma escolha válida" in html
    assert "Endereço de página inválido: mostrando as mais recentes." in html
    assert "<script>" not in html


def test_paginas_por_cursor_sem_contagem(client, gestor_smdet, smdet):
    feira, cat = feira_com_bancas(secretaria=smdet)
    InscricaoFactory.create_batch(27, feira=feira, categoria=cat)
    todas = list(Inscricao.objects.order_by("-pk").values_list("pk", flat=True))
    client.force_login(gestor_smdet)
    primeira = client.get(LISTA, {"status": "recebida"})
    assert _nos(primeira) == todas[:25]
    html = primeira.content.decode()
    assert "Mais recentes" not in html
    proxima = re.search(r'href="(\?[^"]*antes=\d+[^"]*)">Mais antigas', html).group(1).replace("&amp;", "&")
    assert "status=recebida" in proxima
    segunda = client.get(LISTA + proxima)
    assert _nos(segunda) == todas[25:]
    assert "Mais antigas" not in segunda.content.decode()
    assert 'href="?status=recebida"' in segunda.content.decode()
    with CaptureQueriesContext(connection) as consultas:
        client.get(LISTA)
    assert not [c for c in consultas.captured_queries if "COUNT(" in c["sql"].upper()]


def test_consultas_nao_crescem_com_as_linhas(client, gestor_smdet, smdet):
    """Também acusa uma coluna que falte em ``historico_campos`` (cada linha buscaria a sua)."""
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=9, cota=9)
    bancas = iter(Banca.objects.filter(layout__ponto=feira.ponto))

    def linhas():
        relato = RelatoVendasFactory(inscricao__feira=feira, inscricao__categoria=cat)
        AlocacaoFactory(inscricao=relato.inscricao, banca=next(bancas))
        MatriculaFactory(turma=TurmaFactory(secretaria=smdet))

    linhas()
    client.force_login(gestor_smdet)
    urls = [reverse(f"gestao:feiras_{m}_changelist") for m in ("inscricao", "alocacao", "relatovendas")]
    urls.append(reverse("gestao:formacao_matricula_changelist"))
    with CaptureQueriesContext(connection) as uma:
        for url in urls:
            assert client.get(url).status_code == 200
    for _ in range(8):
        linhas()
    with CaptureQueriesContext(connection) as muitas:
        for url in urls:
            assert len(client.get(url).context["linhas"]) > 1
    # Por página: conta, vínculos e seus Pontos, e a página (no PostgreSQL, dentro de um
    # savepoint com o SET LOCAL do Memoize: quatro consultas capturadas).
    assert len(muitas) == len(uma) <= 4 * 7


def test_busca_nas_matriculas(client, smdet, operador_smdet):
    curso = CursoFactory(secretaria=smdet, nome="Boas Práticas de Manipulação de Alimentos")
    certa = MatriculaFactory(turma=TurmaFactory(secretaria=smdet, curso=curso))
    MatriculaFactory(turma=TurmaFactory(secretaria=smdet))
    client.force_login(operador_smdet)
    url = reverse("gestao:formacao_matricula_changelist")
    assert len(_nos(client.get(url))) == 2
    resposta = client.get(url, {"q": "manipulação", "situacao": "confirmada"})
    assert _nos(resposta) == [certa.pk]
    assert 'value="manipulação"' in resposta.content.decode(), "a busca digitada fica no campo"
    criada = timezone.localtime(certa.criada_em)
    assert f"<td>{criada:%d/%m/%Y %H:%M}</td>" in resposta.content.decode(), "datas como dd/mm/aaaa hh:mm"
    vazio = client.get(url, {"q": "inexistente"})
    assert "Nenhum registro de matrículas com estes filtros." in vazio.content.decode()


def test_governo_le_e_ninguem_grava(client, usuario_governo, smdet):
    feira, cat = feira_com_bancas(secretaria=smdet)
    inscricao = InscricaoFactory(feira=feira, categoria=cat)
    client.force_login(usuario_governo)
    assert _nos(client.get(LISTA)) == [inscricao.pk]
    assert client.post(LISTA, {"action": "delete_selected", "_selected_action": [inscricao.pk]}).status_code == 405
    assert Inscricao.objects.filter(pk=inscricao.pk).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pagina_sem_memoize_so_na_propria_consulta(client, gestor_smdet, smdet):
    assert connection.vendor == "postgresql", "este teste precisa de PostgreSQL real (DATABASE_URL)"
    feira, cat = feira_com_bancas(secretaria=smdet)
    InscricaoFactory(feira=feira, categoria=cat)
    client.force_login(gestor_smdet)
    with CaptureQueriesContext(connection) as consultas:
        assert len(client.get(LISTA).context["linhas"]) == 1
    sqls = [c["sql"] for c in consultas.captured_queries]
    posicao = sqls.index("SET LOCAL enable_memoize = off")
    assert sqls[posicao + 1].startswith('SELECT "feiras_inscricao"."id"')
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_memoize")
        assert cursor.fetchone()[0] == "on", "o ajuste não vaza para as outras consultas da conexão"
