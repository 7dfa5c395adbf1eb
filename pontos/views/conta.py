"""Minha conta (provisório: o ajudante "contas" entrega a versão completa)."""

from django.shortcuts import render

from pontos import extensoes


def minha_conta(request):
    pessoa = getattr(request.user, "empreendedor", None)
    secoes = extensoes.secoes_minha_conta(request=request, empreendedor=pessoa) if pessoa else []
    return render(request, "pontos/minha_conta.html", {"pessoa": pessoa, "secoes": secoes})


def perfil_editar(request):
    return render(request, "pontos/minha_conta.html", {})
