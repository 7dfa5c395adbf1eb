"""Verificação e revogação de qualificações pela equipe (ações da Gestão chamam aqui)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pontos.models import Qualificacao


@transaction.atomic
def qualificacao_verificar(*, qualificacao, por):
    """Marca a qualificação como conferida por ``por``; revogada não pode ser verificada."""
    qualificacao = Qualificacao.objects.select_for_update().get(pk=qualificacao.pk)
    if qualificacao.revogada_em:
        raise ValidationError(_("Uma qualificação revogada não pode ser verificada."))
    qualificacao.verificada_por = por
    qualificacao.verificada_em = timezone.now()
    qualificacao.save(update_fields=["verificada_por", "verificada_em"])
    return qualificacao


@transaction.atomic
def qualificacao_revogar(*, qualificacao, por, motivo):
    """Revoga a qualificação (deixa de valer para pré-requisitos e prioridade)."""
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError(_("Informe o motivo da revogação."))
    qualificacao = Qualificacao.objects.select_for_update().get(pk=qualificacao.pk)
    if qualificacao.revogada_em:
        return qualificacao
    qualificacao.revogada_em = timezone.now()
    qualificacao.motivo_revogacao = motivo[:300]
    qualificacao.save(update_fields=["revogada_em", "motivo_revogacao"])
    return qualificacao
