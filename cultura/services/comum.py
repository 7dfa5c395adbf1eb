from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from pontos.escopo import vinculos_de
from pontos.models import Papel


def secretaria_do_usuario(usuario):
    """A secretaria em nome da qual a pessoa da equipe age (gestor ou operador; nunca o Governo)."""
    for vinculo in vinculos_de(usuario):
        if vinculo.papel in {Papel.GESTOR, Papel.OPERADOR} and not vinculo.secretaria.eh_governo:
            return vinculo.secretaria
    raise PermissionDenied(_("Seu perfil não permite alterar dados de um programa."))


def exigir_edicao(objeto, usuario):
    """Levanta ``PermissionDenied`` se o usuário não pode alterar o objeto (escopo e papel)."""
    if not type(objeto)._default_manager.editaveis_por(usuario).filter(pk=objeto.pk).exists():
        raise PermissionDenied(_("Você não pode alterar este registro."))
