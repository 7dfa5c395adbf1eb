"""Cache curto das páginas públicas para quem chega sem sessão (a maioria dos acessos).

Quem está logado, ou traz mensagens na sessão, sempre recebe a página na hora. Para o
visitante anônimo, a mesma URL é servida do cache (Redis em produção) por até
``CACHE_PUBLICO_SEGUNDOS``: a agenda, a vitrine e as páginas de Ponto ficam no máximo esse
tempo atrasadas, e um pico de acessos não vira um pico de consultas.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers


def _anonimo_sem_estado(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.headers.get("HX-Request")
    )


def cache_publico(view):
    @functools.wraps(view)
    def embrulho(request, *args, **kwargs):
        segundos = getattr(settings, "CACHE_PUBLICO_SEGUNDOS", 0)
        if not segundos or not _anonimo_sem_estado(request):
            return view(request, *args, **kwargs)
        chave = "publico:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
        resposta = cache.get(chave)
        if resposta is None:
            resposta = view(request, *args, **kwargs)
            if resposta.status_code == 200 and not resposta.cookies:
                cache.set(chave, resposta, segundos)
        patch_vary_headers(resposta, ("Cookie",))
        return resposta

    return embrulho
