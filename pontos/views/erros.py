"""Páginas de erro em pt-BR, no layout do portal."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from pontos.context_processors import NOME_PORTAL, _menu

log = logging.getLogger(__name__)

PAGINA_500_MINIMA = (
    '<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Algo deu errado</title></head>'
    "<body><main><h1>Algo deu errado do nosso lado</h1><p>Tente de novo em alguns minutos.</p>"
    '<p><a href="/">Voltar ao início</a></p></main></body></html>'
)


def proibido(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_falhou(request, reason=""):
    """Formulário enviado sem o token (página aberta há muito tempo, cookies bloqueados)."""
    return render(request, "403_csrf.html", status=403)


def nao_encontrado(request, exception=None):
    return render(request, "404.html", status=404)


def erro_servidor(request):
    """Sem processadores de contexto: a página não pode depender do banco que talvez caiu."""
    try:
        html = loader.render_to_string(
            "500.html", {"NOME_PORTAL": NOME_PORTAL, "menu_publico": _menu(getattr(request, "path", ""))}
        )
    except Exception:
        log.exception("Falha ao desenhar a página 500")
        html = PAGINA_500_MINIMA
    return HttpResponseServerError(html)
