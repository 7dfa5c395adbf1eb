from django.shortcuts import render


def minha_conta(request):
    return render(request, "pontos/minha_conta.html", {})


def perfil_editar(request):
    return render(request, "pontos/minha_conta.html", {})
