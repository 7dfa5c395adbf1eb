"""Registro (LGPD) das leituras de dados pessoais pela equipe."""

from pontos.models import AcessoDadosPessoais


def acesso_registrar(*, usuario, empreendedor, finalidade):
    return AcessoDadosPessoais.objects.create(usuario=usuario, empreendedor=empreendedor, finalidade=finalidade[:200])
