"""Jornadas no Chromium real (Playwright), com axe em cada página visitada.

Sob ``CI=true`` a falta do navegador é falha, nunca pulo.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def navegador():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium não encontrado em {CHROMIUM}: os testes de navegador não podem rodar.")
        pytest.skip("Chromium não instalado (rode scripts/preparar.sh --testes).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Visita:
    """Uma aba do navegador que roda o axe em cada página carregada."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.erros_console = []
        page.on("console", lambda m: m.type == "error" and self.erros_console.append(m.text))

    def ir(self, caminho):
        self.page.goto(self.base_url + caminho)
        self.conferir_acessibilidade()
        return self.page

    def conferir_acessibilidade(self):
        from axe_playwright_python.sync_playwright import Axe

        self.page.wait_for_load_state("load")
        resultado = Axe().run(
            self.page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        )
        violacoes = resultado.response["violations"]
        assert not violacoes, f"axe em {self.page.url}:\n" + resultado.generate_report()


@pytest.fixture
def visita(navegador, live_server, settings):
    settings.MAPA_TILES_URL = ""
    contexto = navegador.new_context(viewport={"width": 1280, "height": 900}, locale="pt-BR")
    yield Visita(contexto.new_page(), live_server.url)
    contexto.close()


@pytest.fixture
def visita_celular(navegador, live_server, settings):
    settings.MAPA_TILES_URL = ""
    contexto = navegador.new_context(
        viewport={"width": 375, "height": 740}, locale="pt-BR", is_mobile=True, has_touch=True
    )
    yield Visita(contexto.new_page(), live_server.url)
    contexto.close()


def entrar(visita, email, senha="senha-segura-123"):
    page = visita.ir("/contas/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Senha").fill(senha)
    page.get_by_role("button", name="Entrar").click()
    page.wait_for_load_state("load")
    return page


def entrar_com_sessao(visita, usuario):
    """Sessão criada pelo Django, posta no navegador (o login em si é testado pelas jornadas de contas)."""
    from django.conf import settings
    from django.test import Client

    cliente = Client()
    cliente.force_login(usuario)
    valor = cliente.cookies[settings.SESSION_COOKIE_NAME].value
    visita.page.context.clear_cookies()
    visita.page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": valor, "url": visita.base_url}])
    return visita.page
