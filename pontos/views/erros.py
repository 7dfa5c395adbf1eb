from django.shortcuts import render


def proibido(request, exception=None):
    return render(request, "403.html", status=403)


def nao_encontrado(request, exception=None):
    return render(request, "404.html", status=404)


def erro_servidor(request):
    return render(request, "500.html", status=500)
