from django.shortcuts import redirect
from django.urls import reverse


class PerfilCompletoMiddleware:
    """Guia quem acabou de se cadastrar: Minha conta leva ao perfil até ele ficar completo."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        usuario = getattr(request, "user", None)
        if usuario is not None and usuario.is_authenticated and request.path.startswith("/minha-conta/"):
            destino = reverse("pontos:perfil_editar")
            livres = (destino, "/minha-conta/dados/", "/minha-conta/excluir/", "/minha-conta/reivindicar/")
            if not request.path.startswith(livres) and not usuario.is_staff:
                perfil = getattr(usuario, "empreendedor", None)
                if perfil is None or not perfil.perfil_completo:
                    return redirect(destino)
        return self.get_response(request)
