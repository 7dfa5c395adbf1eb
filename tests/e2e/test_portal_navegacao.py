"""Jornada pública no Chromium: início → Pontos → Ponto → agenda → vitrine (filtro e busca)."""

import datetime

import pytest
from django.utils import timezone

from pontos import extensoes
from pontos.models import CategoriaProduto, Infraestrutura
from pontos.models.lugares import TipoInfraestrutura
from pontos.services.busca import empreendedor_indexar
from tests.factories import EmpreendedorFactory, EspacoFactory, ProdutoFactory
from tests.factories.reservas import ReservaFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cenario(ponto, ponto_svma, territorio):
    Infraestrutura.objects.create(ponto=ponto, tipo=TipoInfraestrutura.COZINHA, capacidade="200 marmitas/dia")
    espaco = EspacoFactory(ponto=ponto, nome="Cozinha escola")
    amanha = timezone.now() + datetime.timedelta(days=1)
    ReservaFactory(
        espaco=espaco, titulo="Turma de Boas Práticas", inicio=amanha, fim=amanha + datetime.timedelta(hours=3)
    )
    for nome, categoria, produto in [
        ("Crochê da Luzia", CategoriaProduto.ARTESANATO, "Bolsa de crochê"),
        ("Quitutes da Cida", CategoriaProduto.ALIMENTOS_PRONTOS, "Bolo de fubá"),
        ("Horta da Chica", CategoriaProduto.HORTIFRUTI, "Cesta de verduras"),
    ]:
        pessoa = EmpreendedorFactory(nome_publico=nome, categorias=[categoria], territorio=territorio)
        ProdutoFactory(empreendedor=pessoa, nome=produto, categoria=categoria)
        empreendedor_indexar(empreendedor=pessoa)

    def agenda(*, inicio, fim, ponto=None):
        quando = timezone.now() + datetime.timedelta(days=2)
        if ponto is not None and ponto.slug != "cresan":
            return []
        return [
            extensoes.EventoAgenda(
                titulo="Feira da Cozinha Comunitária",
                inicio=quando,
                fim=quando + datetime.timedelta(hours=5),
                tipo="feira",
                programa="Feiras",
                ponto_id=None if ponto is None else ponto.pk,
                ponto_nome="CRESAN Butantã",
            )
        ]

    extensoes.agenda.registrar(agenda, chave="e2e.agenda")
    yield
    extensoes.agenda.remover("e2e.agenda")


def _jornada(visita):
    page = visita.ir("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Rede de Pontos de Geração de Renda"
    assert page.get_by_text("Feira da Cozinha Comunitária").first.is_visible()

    page.get_by_role("navigation", name="Navegação principal").get_by_role("link", name="Pontos").click()
    visita.conferir_acessibilidade()
    assert page.get_by_role("heading", level=1).inner_text() == "Pontos de Geração de Renda"

    page.get_by_role("link", name="CRESAN Butantã").click()
    visita.conferir_acessibilidade()
    assert page.get_by_role("heading", level=1).inner_text() == "CRESAN Butantã"
    assert page.get_by_text("200 marmitas/dia").is_visible()
    assert page.get_by_role("cell", name="Turma de Boas Práticas").is_visible()

    page.get_by_role("link", name="Agenda completa deste Ponto").click()
    visita.conferir_acessibilidade()
    assert page.get_by_label("Ponto").input_value() == "cresan"
    assert page.get_by_text("Feira da Cozinha Comunitária").is_visible()

    page.get_by_role("navigation", name="Navegação principal").get_by_role("link", name="Vitrine").click()
    visita.conferir_acessibilidade()
    assert page.locator(".cartao-empreendedor").count() == 3
    page.get_by_label("Categoria").select_option("hortifruti")
    page.get_by_role("button", name="Buscar").click()
    visita.conferir_acessibilidade()
    assert page.locator(".cartao-empreendedor").count() == 1
    assert page.get_by_role("link", name="Horta da Chica").is_visible()

    page.get_by_role("link", name="Limpar").click()
    page.get_by_label("Buscar", exact=True).fill("croche")
    page.get_by_role("button", name="Buscar").click()
    visita.conferir_acessibilidade()
    assert page.locator(".cartao-empreendedor").count() == 1
    page.get_by_role("link", name="Crochê da Luzia").click()
    visita.conferir_acessibilidade()
    assert page.get_by_role("heading", level=1).inner_text() == "Crochê da Luzia"
    assert page.get_by_role("heading", name="Bolsa de crochê").is_visible()
    assert not visita.erros_console, visita.erros_console


def test_navegacao_publica_no_computador(visita, cenario):
    _jornada(visita)


def test_navegacao_publica_no_celular(visita_celular, cenario):
    _jornada(visita_celular)
    page = visita_celular.page
    largura = page.evaluate("document.documentElement.scrollWidth")
    assert largura <= 375, f"a página rola na horizontal ({largura}px)"


def test_pular_para_o_conteudo_e_foco_visivel(visita, cenario):
    page = visita.ir("/vitrine/")
    page.keyboard.press("Tab")
    pular = page.get_by_role("link", name="Pular para o conteúdo")
    assert pular.evaluate("e => e === document.activeElement")
    assert pular.is_visible()
    contorno = pular.evaluate("e => getComputedStyle(e).outlineStyle")
    assert contorno != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "conteudo"


def test_pagina_404_no_celular_a_320px(navegador, live_server, settings, db):
    contexto = navegador.new_context(viewport={"width": 320, "height": 640}, locale="pt-BR")
    from tests.e2e.conftest import Visita

    visita = Visita(contexto.new_page(), live_server.url)
    try:
        page = visita.page
        resposta = page.goto(live_server.url + "/nao-existe/")
        assert resposta.status == 404
        visita.conferir_acessibilidade()
        assert page.get_by_role("heading", level=1).inner_text() == "Página não encontrada"
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        contexto.close()


def test_mapa_dos_pontos_com_servidor_de_blocos(visita, cenario, settings, live_server):
    # Blocos servidos pelo próprio portal (mesma origem: a CSP permite).
    settings.MAPA_TILES_URL = live_server.url + "/static/vendor/leaflet-1.9.4/images/layers.png?z={z}&x={x}&y={y}"
    page = visita.ir("/pontos/")
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-icon").count() == 2
    assert page.locator("#mapa-pontos").is_visible()
    page.get_by_role("button", name="Parque do Jockey").first.click()
    assert page.locator(".leaflet-popup").get_by_role("link", name="Parque do Jockey").is_visible()
    visita.conferir_acessibilidade()
    assert not visita.erros_console, visita.erros_console
