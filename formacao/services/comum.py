"""Peças comuns aos serviços da formação: códigos, permissões, avisos."""

import datetime
import re
import secrets

from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from formacao.models import (
    SituacaoMatricula,
)
from pontos.escopo import vinculos_de
from pontos.models import AcessoDadosPessoais, Notificacao, Papel
from pontos.services.tarefas import tarefa_enfileirar

# Sem letras e números que se confundem (O/0, I/1): 32 símbolos, 5 bits cada.
ALFABETO = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TAMANHO_CODIGO_CERTIFICADO = 12  # 60 bits: impossível de adivinhar com limite de tentativas
TAMANHO_CODIGO_PRESENCA = 6
TOLERANCIA_PRESENCA = datetime.timedelta(minutes=30)
VALIDADE_CODIGO_PRESENCA = datetime.timedelta(hours=1)  # depois do fim do encontro
SITUACOES_ATIVAS = (SituacaoMatricula.CONFIRMADA, SituacaoMatricula.CONCLUIDA, SituacaoMatricula.NAO_CONCLUIDA)


def codigo_gerar(tamanho):
    return "".join(secrets.choice(ALFABETO) for _ in range(tamanho))


def codigo_normalizar(texto):
    """Aceita o código com hífens, espaços ou minúsculas; devolve só os símbolos válidos."""
    return re.sub(r"[^A-Z0-9]", "", (texto or "").upper())[:32]


def _somar_meses(dia, meses):
    total = dia.month - 1 + meses
    ano, mes = dia.year + total // 12, total % 12 + 1
    for ultimo in (31, 30, 29, 28):
        try:
            return datetime.date(ano, mes, min(dia.day, ultimo))
        except ValueError:
            continue
    raise ValueError(dia)


def _exigir_edicao(modelo, *, usuario, pk):
    """A equipe só grava no que é da sua secretaria, com papel de gestor(a) ou operador(a)."""
    if usuario is None or not modelo.objects.editaveis_por(usuario).filter(pk=pk).exists():
        raise PermissionDenied(_("Você não tem permissão para alterar este registro."))


def _pode_atender_pessoas(usuario):
    if getattr(usuario, "is_superuser", False):
        return True
    return any(v.papel in {Papel.GESTOR, Papel.OPERADOR} and not v.secretaria.eh_governo for v in vinculos_de(usuario))


def acesso_registrar(*, usuario, empreendedor, finalidade):
    """LGPD: toda leitura de dados pessoais pela equipe fica registrada."""
    return AcessoDadosPessoais.objects.create(
        usuario=usuario, empreendedor=empreendedor, finalidade=str(finalidade)[:200]
    )


def notificar(*, empreendedor, titulo, texto="", link=""):
    """Aviso em Minha conta e, depois do commit, por e-mail (tarefa idempotente)."""
    if not empreendedor.usuario_id:
        return None
    aviso = Notificacao.objects.create(usuario_id=empreendedor.usuario_id, titulo=titulo[:200], texto=texto, link=link)
    tarefa_enfileirar("formacao.aviso_email", notificacao_id=aviso.pk)
    return aviso


def _data(momento):
    return formats.date_format(timezone.localtime(momento), "d/m/Y \\à\\s H:i")


def secretaria_do_usuario(usuario, *, padrao=None):
    vinculos = [v for v in vinculos_de(usuario) if not v.secretaria.eh_governo]
    return vinculos[0].secretaria if vinculos else padrao
