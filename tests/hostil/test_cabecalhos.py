"""Cabeçalhos de segurança e CSP sem inline em cada tipo de página.

Os valores de segurança vêm de ``config/settings/production.py`` (carregado com valores de
teste) e as requisições são HTTPS (``secure=True``), como atrás do proxy em produção.
"""

import importlib
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import EmpreendedorFactory, PontoFactory, UsuarioFactory, VinculoFactory

CHAVES_PRODUCAO = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
]


@pytest.fixture
def producao(settings, monkeypatch):
    for nome, valor in {
        "DJANGO_SECRET_KEY": "teste-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_SECURE_SSL_REDIRECT": "true",
    }.items():
        monkeypatch.setenv(nome, valor)
    modulo = importlib.reload(importlib.import_module("config.settings.production"))
    for chave in CHAVES_PRODUCAO:
        setattr(settings, chave, getattr(modulo, chave))
    return modulo


class _Inline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problemas = []
        self._script_inline = False

    def handle_starttag(self, tag, attrs):
        atributos = dict(attrs)
        for nome, valor in attrs:
            if nome.startswith("on"):
                self.problemas.append(f"<{tag} {nome}=…> (manipulador inline)")
            if nome == "style":
                self.problemas.append(f"<{tag} style=…>")
            if nome in {"href", "src", "action"} and (valor or "").strip().lower().startswith("javascript:"):
                self.problemas.append(f"<{tag} {nome}=javascript:…>")
            carrega = nome == "src" or (tag == "link" and nome == "href")
            if carrega and (valor or "").startswith(("http://", "https://", "//")):
                self.problemas.append(f"<{tag} {nome}={valor}> (host de terceiros)")
        if tag == "style":
            self.problemas.append("<style> inline")
        if tag == "script":
            dados_json = atributos.get("type") in {"application/json", "application/ld+json"}
            self._script_inline = "src" not in atributos and not dados_json

    def handle_data(self, data):
        if self._script_inline and data.strip():
            self.problemas.append(f"<script> inline: {data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_inline = False


def _diretiva(csp, nome):
    for parte in csp.split(";"):
        tokens = parte.split()
        if tokens and tokens[0] == nome:
            return tokens[1:]
    return None


def _conferir(resposta, rotulo):
    assert resposta.status_code < 500, f"{rotulo}: {resposta.status_code}"
    csp = resposta.get("Content-Security-Policy", "")
    assert csp, f"{rotulo}: sem Content-Security-Policy"
    for diretiva in ("script-src", "style-src"):
        valores = _diretiva(csp, diretiva) or _diretiva(csp, "default-src")
        assert valores, f"{rotulo}: CSP sem {diretiva}"
        assert "'unsafe-inline'" not in valores and "'unsafe-eval'" not in valores, f"{rotulo}: {diretiva} {valores}"
        assert "*" not in valores
    assert _diretiva(csp, "object-src") == ["'none'"]
    assert _diretiva(csp, "frame-ancestors") == ["'none'"]
    assert resposta.get("X-Content-Type-Options") == "nosniff", rotulo
    assert resposta.get("Referrer-Policy"), rotulo
    assert resposta.get("X-Frame-Options") == "DENY", rotulo
    hsts = resposta.get("Strict-Transport-Security", "")
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts, f"{rotulo}: HSTS {hsts!r}"
    for cookie in resposta.cookies.values():
        assert cookie["secure"], f"{rotulo}: cookie {cookie.key} sem Secure"
    if resposta.status_code == 200 and resposta.get("Content-Type", "").startswith("text/html"):
        analisador = _Inline()
        analisador.feed(resposta.content.decode())
        assert not analisador.problemas, f"{rotulo}: {analisador.problemas}"


@pytest.mark.django_db
def test_paginas_publicas(client, producao):
    ponto = PontoFactory()
    pessoa = EmpreendedorFactory(publicar_vitrine=True)
    paginas = {
        "home": reverse("pontos:home"),
        "agenda": reverse("pontos:agenda"),
        "pontos": reverse("pontos:ponto_lista"),
        "ponto": ponto.get_absolute_url(),
        "vitrine (pessoa)": pessoa.get_absolute_url(),
        "entrar": reverse("account_login"),
        "cadastro": reverse("account_signup"),
        "404": "/nao-existe-esta-pagina/",
    }
    for rotulo, caminho in paginas.items():
        _conferir(client.get(caminho, secure=True), rotulo)


@pytest.mark.django_db
def test_minha_conta(client, producao):
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    _conferir(client.get(reverse("pontos:minha_conta"), secure=True), "minha conta")


@pytest.mark.django_db
def test_gestao(client, producao, smdet):
    equipe = UsuarioFactory(is_staff=True)
    VinculoFactory(usuario=equipe, secretaria=smdet)
    client.force_login(equipe)
    _conferir(client.get(reverse("gestao:index"), secure=True), "gestão")


@pytest.mark.django_db
def test_http_redireciona_para_https(client, producao, settings):
    settings.SECURE_SSL_REDIRECT = producao.SECURE_SSL_REDIRECT
    resposta = client.get(reverse("pontos:home"))
    assert resposta.status_code == 301
    assert resposta["Location"].startswith("https://")
