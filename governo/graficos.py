"""Gráficos SVG desenhados no servidor (sem JavaScript), a partir de uma ``Tabela``.

Cada gráfico é uma imagem com título e descrição (``role="img"``); os números exatos ficam na
tabela acessível ao lado, que é a mesma ``Tabela``. Cores com contraste AA sobre fundo branco.
"""

import itertools
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from governo.templatetags.governo_tags import formatar

COR = "#1d4e89"
CORES = ["#1d4e89", "#b23c17", "#2e7d32", "#8a1c7c", "#00695c"]
TEXTO = "#212529"
GRADE = "#adb5bd"
_ids = itertools.count(1)


def _num(valor):
    try:
        return float(valor or 0)
    except (TypeError, ValueError):
        return 0.0


def _cabeca(largura, altura, titulo, descricao):
    n = next(_ids)
    return (
        f'<svg class="grafico" viewBox="0 0 {largura} {altura}" role="img" '
        f'aria-labelledby="g{n}t g{n}d" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="14">'
        f'<title id="g{n}t">{escape(titulo)}</title><desc id="g{n}d">{escape(descricao)}</desc>'
    )


def colunas(tabela, *, indices=(1,), largura=640, altura=280):
    """Colunas verticais (séries mensais); uma cor por coluna de dados."""
    linhas = tabela.linhas
    if not linhas:
        return ""
    margem_e, margem_b, topo = 70, 40, 16
    area_l, area_a = largura - margem_e - 10, altura - margem_b - topo
    maximo = max([_num(linha[i]) for linha in linhas for i in indices] + [0]) or 1
    minimo = min([_num(linha[i]) for linha in linhas for i in indices] + [0])
    amplitude = (maximo - minimo) or 1
    passo = area_l / len(linhas)
    barra = max(passo * 0.8 / len(indices), 1)
    partes = [_cabeca(largura, altura, tabela.titulo, "Gráfico de colunas; os valores estão na tabela ao lado.")]
    for k in range(5):  # grade e escala
        valor = minimo + amplitude * k / 4
        y = topo + area_a - (valor - minimo) / amplitude * area_a
        partes.append(
            f'<line x1="{margem_e}" x2="{largura - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRADE}" stroke-width="0.5"/>'
        )
        rotulo = escape(formatar(Decimal(str(round(valor, 2))), tabela.formatos[indices[0]]))
        partes.append(f'<text x="{margem_e - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXTO}">{rotulo}</text>')
    zero = topo + area_a - (0 - minimo) / amplitude * area_a
    salto = max(1, len(linhas) // 12)
    for n, linha in enumerate(linhas):
        x0 = margem_e + n * passo + passo * 0.1
        for j, i in enumerate(indices):
            v = _num(linha[i])
            y = topo + area_a - (v - minimo) / amplitude * area_a
            partes.append(
                f'<rect x="{x0 + j * barra:.1f}" y="{min(y, zero):.1f}" width="{barra:.1f}" '
                f'height="{abs(zero - y):.1f}" fill="{CORES[j % len(CORES)]}"/>'
            )
        if n % salto == 0:
            partes.append(
                f'<text x="{x0 + passo * 0.4:.1f}" y="{altura - margem_b + 16}" text-anchor="middle" '
                f'fill="{TEXTO}">{escape(str(linha[0]))}</text>'
            )
    partes.append(_legenda(tabela, indices, largura, altura) if len(indices) > 1 else "")
    partes.append("</svg>")
    return mark_safe("".join(partes))  # noqa: S308  # nosec B308 B703 — todo texto acima passou por escape()


def barras(tabela, *, indices=(1,), largura=640):
    """Barras horizontais (comparação por Ponto ou por programa)."""
    linhas = tabela.linhas
    if not linhas:
        return ""
    rotulo_l, altura_barra, folga = 200, 20, 8
    grupo = altura_barra * len(indices) + folga
    altura = grupo * len(linhas) + 30 + (20 if len(indices) > 1 else 0)
    area = largura - rotulo_l - 110
    maximo = max([_num(linha[i]) for linha in linhas for i in indices] + [0]) or 1
    partes = [_cabeca(largura, altura, tabela.titulo, "Gráfico de barras; os valores estão na tabela ao lado.")]
    for n, linha in enumerate(linhas):
        y = 10 + n * grupo
        nome = str(linha[0])
        nome = nome if len(nome) <= 26 else nome[:25] + "…"
        partes.append(
            f'<text x="{rotulo_l - 6}" y="{y + altura_barra * len(indices) / 2 + 4:.1f}" text-anchor="end" '
            f'fill="{TEXTO}">{escape(nome)}</text>'
        )
        for j, i in enumerate(indices):
            v = _num(linha[i])
            w = max(v, 0) / maximo * area
            yb = y + j * altura_barra
            partes.append(
                f'<rect x="{rotulo_l}" y="{yb}" width="{w:.1f}" height="{altura_barra - 2}" fill="{CORES[j % len(CORES)]}"/>'
            )
            partes.append(
                f'<text x="{rotulo_l + w + 4:.1f}" y="{yb + altura_barra - 5}" fill="{TEXTO}">'
                f"{escape(formatar(linha[i], tabela.formatos[i]))}</text>"
            )
    if len(indices) > 1:
        partes.append(_legenda(tabela, indices, largura, altura))
    partes.append("</svg>")
    return mark_safe("".join(partes))  # noqa: S308  # nosec B308 B703 — todo texto acima passou por escape()


def linha(tabela, *, indice=1, referencia=None, largura=640, altura=260):
    """Linha (tendência do índice), com uma linha de referência opcional (ex.: 100 %)."""
    pontos = [(n, _num(linha[indice])) for n, linha in enumerate(tabela.linhas) if linha[indice] is not None]
    if not tabela.linhas:
        return ""
    margem_e, margem_b, topo = 70, 40, 16
    area_l, area_a = largura - margem_e - 20, altura - margem_b - topo
    maximo = max([v for _, v in pontos] + [referencia or 0, 1])
    passo = area_l / max(len(tabela.linhas) - 1, 1)

    def xy(n, v):
        return margem_e + n * passo, topo + area_a - v / maximo * area_a

    partes = [_cabeca(largura, altura, tabela.titulo, "Gráfico de linha; os valores estão na tabela ao lado.")]
    for k in range(5):
        v = maximo * k / 4
        _x, y = xy(0, v)
        partes.append(
            f'<line x1="{margem_e}" x2="{largura - 20}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRADE}" stroke-width="0.5"/>'
        )
        partes.append(
            f'<text x="{margem_e - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXTO}">'
            f"{escape(formatar(Decimal(str(round(v, 1))), tabela.formatos[indice]))}</text>"
        )
    if referencia is not None:
        _x, y = xy(0, referencia)
        partes.append(
            f'<line x1="{margem_e}" x2="{largura - 20}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b23c17" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{largura - 22}" y="{y - 4:.1f}" text-anchor="end" fill="#b23c17">'
            f"{escape('independência (100 %)')}</text>"
        )
    if pontos:
        trajeto = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(n, v) for n, v in pontos))
        partes.append(f'<polyline points="{trajeto}" fill="none" stroke="{COR}" stroke-width="2.5"/>')
        for n, v in pontos:
            x, y = xy(n, v)
            partes.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{COR}"/>')
    salto = max(1, len(tabela.linhas) // 12)
    for n, lin in enumerate(tabela.linhas):
        if n % salto == 0:
            x, _y = xy(n, 0)
            partes.append(
                f'<text x="{x:.1f}" y="{altura - margem_b + 16}" text-anchor="middle" fill="{TEXTO}">'
                f"{escape(str(lin[0]))}</text>"
            )
    partes.append("</svg>")
    return mark_safe("".join(partes))  # noqa: S308  # nosec B308 B703 — todo texto acima passou por escape()


def _legenda(tabela, indices, largura, altura):
    partes = []
    for j, i in enumerate(indices):
        x = 70 + j * 220
        partes.append(
            f'<rect x="{x}" y="{altura - 16}" width="12" height="12" fill="{CORES[j % len(CORES)]}"/>'
            f'<text x="{x + 16}" y="{altura - 6}" fill="{TEXTO}">{escape(str(tabela.colunas[i]))}</text>'
        )
    return "".join(partes)
