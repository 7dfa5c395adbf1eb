"""Relatório PDF (WeasyPrint) com gráficos e tabelas de todas as visões que o usuário pode ver."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from governo import selectors, visoes
from governo.forms import filtros_de


def pdf_gerar(*, usuario, filtros, progresso=lambda p: None):
    from weasyprint import CSS, HTML

    _form, filtros_obj = filtros_de(filtros, usuario=usuario)
    secoes = []
    permitidas = visoes.visoes_permitidas(usuario)
    for n, visao in enumerate(permitidas, start=1):
        secoes.append((visoes.VISOES[visao], visoes.montar(visao, usuario=usuario, filtros=filtros_obj)))
        progresso(10 + int(70 * n / len(permitidas)))
    html = render_to_string(
        "governo/relatorio_pdf.html",
        {
            "secoes": secoes,
            "filtros": filtros_obj,
            "gerado_em": timezone.localtime(),
            "atualizacao": selectors.ultima_atualizacao(),
            "usuario": usuario,
        },
    )
    progresso(85)
    estilo = finders.find("governo/relatorio.css")
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=estilo)] if estilo else None)
