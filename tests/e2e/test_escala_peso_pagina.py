"""Peso da primeira visita de cada página pública (QUALITY.md: ≤ 150 KB, nenhum terceiro).

Mede no Chromium todas as respostas da primeira visita (cache vazio): HTML, CSS, JS, imagens
e fontes. Como em produção os estáticos saem comprimidos pelo WhiteNoise (gzip), o tamanho
de CSS/JS/SVG é contado comprimido (gzip nível 6, como o WhiteNoise); o HTML do Django é
contado sem compressão (o portal não comprime o HTML). Mídias enviadas (fotos), que o
servidor de teste não serve, são contadas pelo tamanho do arquivo em ``MEDIA_ROOT``.
O mapa fica sem blocos (``MAPA_TILES_URL`` vazio), como na configuração sem terceiros.
"""

import gzip
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from pontos.models import Empreendedor, Ponto

LIMITE = 150 * 1024
TEXTO = ("text/css", "javascript", "image/svg", "application/json", "text/plain")


def _caminhos():
    caminhos = {
        "home": reverse("pontos:home"),
        "agenda": reverse("pontos:agenda"),
        "pontos": reverse("pontos:ponto_lista"),
        "ponto": Ponto.objects.order_by("pk").first().get_absolute_url(),
        "empreendedor": Empreendedor.objects.na_vitrine().order_by("pk").first().get_absolute_url(),
    }
    for nome, url_nome in [
        ("vitrine", "pontos:vitrine"),
        ("feiras", "feiras:feira_lista"),
        ("cursos", "formacao:curso_lista"),
    ]:
        try:
            caminhos[nome] = reverse(url_nome)
        except NoReverseMatch:
            continue
    return caminhos


def _medir(pagina, base, caminho, media_root, media_url):
    respostas = []

    def guardar(resposta):
        respostas.append(resposta)

    pagina.on("response", guardar)
    pagina.goto(base + caminho, wait_until="networkidle")
    pagina.remove_listener("response", guardar)
    host = urlsplit(base).netloc
    total, terceiros, detalhes = 0, [], []
    for resposta in respostas:
        url = urlsplit(resposta.url)
        if url.scheme in {"data", "blob"}:
            continue
        if url.netloc != host:
            terceiros.append(resposta.url)
            continue
        try:
            corpo = resposta.body()
        except Exception:  # redirecionamentos não têm corpo
            corpo = b""
        tipo = resposta.headers.get("content-type", "")
        if url.path.startswith(media_url) and resposta.status == 404:
            arquivo = Path(media_root) / url.path[len(media_url) :]
            tamanho = arquivo.stat().st_size if arquivo.exists() else 0
        elif url.path.startswith("/static/") and any(t in tipo for t in TEXTO):
            tamanho = len(gzip.compress(corpo, 6))
        else:
            tamanho = len(corpo)
        total += tamanho
        detalhes.append((tamanho, url.path))
    return total, terceiros, sorted(detalhes, reverse=True)


@pytest.mark.django_db(transaction=True)
def test_primeira_visita_de_cada_pagina_publica_pesa_ate_150_kb(navegador, live_server, settings, tmp_path):
    settings.MAPA_TILES_URL = ""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo_butanta", verbosity=0)
    medidas = {}
    for nome, caminho in _caminhos().items():
        contexto = navegador.new_context(viewport={"width": 375, "height": 740}, locale="pt-BR", is_mobile=True)
        try:
            pagina = contexto.new_page()
            medidas[nome] = _medir(pagina, live_server.url, caminho, settings.MEDIA_ROOT, settings.MEDIA_URL)
        finally:
            contexto.close()
    relatorio = "\n".join(
        f"{nome:<14} {total / 1024:7.1f} KB  maiores: {[(round(t / 1024, 1), p) for t, p in detalhes[:3]]}"
        for nome, (total, _, detalhes) in medidas.items()
    )
    print("\nPeso da primeira visita (comprimido como em produção):\n" + relatorio)
    for nome, (total, terceiros, _) in medidas.items():
        assert not terceiros, f"{nome}: requisições a terceiros: {terceiros}"
        assert total <= LIMITE, f"{nome}: {total / 1024:.1f} KB > 150 KB\n{relatorio}"
