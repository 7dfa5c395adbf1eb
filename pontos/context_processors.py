from django.conf import settings
from django.urls import NoReverseMatch, reverse

from pontos import extensoes
from pontos.escopo import vinculos_de

NOME_PORTAL = "Rede de Pontos de Geração de Renda"


def _menu(caminho=""):
    """Itens do menu público: (título, url, é a página atual)."""
    itens = []
    for item in sorted(extensoes.menu_publico, key=lambda i: i.ordem):
        try:
            url = reverse(item.url_nome)
        except NoReverseMatch:
            continue
        itens.append((item.titulo, url, url != "/" and caminho.startswith(url)))
    return itens


def portal(request):
    usuario = getattr(request, "user", None)
    return {
        "NOME_PORTAL": NOME_PORTAL,
        "eh_equipe": bool(usuario and usuario.is_authenticated and (usuario.is_superuser or vinculos_de(usuario))),
        "MAPA_TILES_URL": settings.MAPA_TILES_URL,
        "menu_publico": _menu(getattr(request, "path", "")),
        "MAPA_TILES_ATRIBUICAO": settings.MAPA_TILES_ATRIBUICAO,
    }
