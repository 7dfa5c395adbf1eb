from django.conf import settings

from pontos.escopo import vinculos_de


def portal(request):
    usuario = getattr(request, "user", None)
    return {
        "NOME_PORTAL": "Rede de Pontos de Geração de Renda",
        "eh_equipe": bool(usuario and usuario.is_authenticated and (usuario.is_superuser or vinculos_de(usuario))),
        "MAPA_TILES_URL": settings.MAPA_TILES_URL,
        "MAPA_TILES_ATRIBUICAO": settings.MAPA_TILES_ATRIBUICAO,
    }
