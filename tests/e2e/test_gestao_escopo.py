"""Gestão no Chromium: a equipe da SVMA entra, vê o nome da sua secretaria e não vê linhas da SMDET."""

import pytest

from tests.e2e.conftest import entrar_com_sessao
from tests.factories import EspacoFactory
from tests.factories.reservas import ReservaFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_svma_nao_ve_linhas_da_smdet(visita, gestor_svma, ponto, ponto_svma):
    ReservaFactory(espaco=EspacoFactory(ponto=ponto), titulo="Turma da SMDET")
    ReservaFactory(espaco=EspacoFactory(ponto=ponto_svma), titulo="Mutirão da SVMA")
    entrar_com_sessao(visita, gestor_svma)  # o formulário de login é testado nas jornadas de contas
    page = visita.ir("/")
    page.get_by_role("link", name="Gestão").click()
    visita.conferir_acessibilidade()
    assert page.get_by_text("Secretaria Municipal do Verde e do Meio Ambiente").is_visible()

    page.get_by_role("link", name="Pontos de Geração de Renda").first.click()
    visita.conferir_acessibilidade()
    tabela = page.locator("#result_list")
    assert tabela.get_by_text("Parque do Jockey").is_visible()
    assert tabela.get_by_text("CRESAN Butantã").count() == 0

    page.goto(visita.base_url + "/gestao/pontos/reserva/")
    visita.conferir_acessibilidade()
    assert page.locator("#result_list").get_by_text("Mutirão da SVMA").is_visible()
    assert page.get_by_text("Turma da SMDET").count() == 0

    resposta = page.goto(visita.base_url + f"/gestao/pontos/ponto/{ponto.pk}/change/")
    assert resposta.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Página não encontrada"


def test_historico_de_inscricoes_filtra_pagina_e_abre_o_detalhe(visita, operador_smdet, smdet, gestor_svma):
    from tests.factories.feiras import InscricaoFactory, feira_com_bancas

    feira, cat = feira_com_bancas(secretaria=smdet)
    InscricaoFactory.create_batch(26, feira=feira, categoria=cat)
    aprovada = InscricaoFactory(feira=feira, categoria=cat, status="aprovada")
    outra, outra_cat = feira_com_bancas(secretaria=gestor_svma.vinculos.get().secretaria)
    InscricaoFactory(feira=outra, categoria=outra_cat, empreendedor__nome="Pessoa da SVMA")
    entrar_com_sessao(visita, operador_smdet)
    page = visita.ir("/gestao/feiras/inscricao/")
    linhas = page.locator("#result_list tbody tr")
    assert linhas.count() == 25
    assert page.get_by_text("Pessoa da SVMA").count() == 0

    page.get_by_role("link", name="Mais antigas").click()
    visita.conferir_acessibilidade()
    assert linhas.count() == 2
    page.get_by_role("link", name="Mais recentes").click()
    assert linhas.count() == 25

    page.get_by_label("Situação").select_option("aprovada")
    page.get_by_role("button", name="Filtrar").click()
    visita.conferir_acessibilidade()
    assert linhas.count() == 1
    assert page.get_by_label("Situação").input_value() == "aprovada", "o filtro escolhido fica no campo"
    page.locator("#result_list tbody th a").first.click()
    visita.conferir_acessibilidade()
    assert f"/gestao/feiras/inscricao/{aprovada.pk}/change/" in page.url
    assert page.get_by_text(aprovada.empreendedor.nome_exibicao).first.is_visible()
