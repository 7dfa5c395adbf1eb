"""Trilha de formalização MEI: passos da pessoa, confirmação da equipe, situação do perfil."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from localflavor.br.forms import BRCNPJField

from formacao import trilha
from formacao.models import (
    EtapaFormalizacao,
    PassoFormalizacao,
    pessoas_visiveis_para,
)
from formacao.services.comum import (
    _pode_atender_pessoas,
)
from pontos.models import SituacaoFormalizacao


def etapas_da_pessoa(empreendedor):
    return {e.passo: e for e in EtapaFormalizacao.objects.filter(empreendedor=empreendedor)}


@transaction.atomic
def etapa_registrar(*, empreendedor, passo, feito_em=None, nao_se_aplica=False, dado="", comprovante=None):
    """A própria pessoa marca um passo (ou diz que não se aplica). A ordem da trilha é respeitada."""
    if passo not in trilha.POR_PASSO:
        raise ValidationError({"passo": _("Passo desconhecido.")})
    info = trilha.info(passo)
    etapas = etapas_da_pessoa(empreendedor)
    if nao_se_aplica and not info.opcional:
        raise ValidationError({"nao_se_aplica": _("Este passo é obrigatório para quem se formaliza como MEI.")})
    if not nao_se_aplica:
        if feito_em is None:
            raise ValidationError({"feito_em": _("Informe a data em que fez este passo.")})
        if feito_em > timezone.localdate():
            raise ValidationError({"feito_em": _("A data não pode estar no futuro.")})
        faltando = [p for p in info.depende_de if not (etapas.get(p) and etapas[p].concluida)]
        if faltando:
            raise ValidationError(
                _("Antes deste passo, conclua: %(passos)s.")
                % {"passos": ", ".join(str(PassoFormalizacao(p).label) for p in faltando)}
            )
        dado = (dado or "").strip()
        if info.dado_obrigatorio and not dado:
            raise ValidationError({"dado": _("Preencha: %(rotulo)s.") % {"rotulo": info.rotulo_dado}})
        if passo == PassoFormalizacao.MEI:
            dado = BRCNPJField(error_messages={"invalid": _("CNPJ inválido. Confira os 14 números.")}).clean(dado)
            dado = re.sub(r"\D", "", dado)
        if passo == PassoFormalizacao.GOVBR and dado.lower() not in ("prata", "ouro"):
            raise ValidationError({"dado": _("A conta gov.br precisa ser de nível prata ou ouro.")})
    etapa = etapas.get(passo) or EtapaFormalizacao(empreendedor=empreendedor, passo=passo)
    etapa.feito_em = None if nao_se_aplica else feito_em
    etapa.nao_se_aplica = nao_se_aplica
    etapa.dado = "" if nao_se_aplica else dado[:40]
    if comprovante:
        etapa.comprovante = comprovante
    etapa.atualizado_em = timezone.now()
    etapa.confirmado_por, etapa.confirmado_em = None, None
    etapa.save()
    formalizacao_sincronizar(empreendedor=empreendedor)
    return etapa


@transaction.atomic
def etapa_desfazer(*, empreendedor, passo):
    EtapaFormalizacao.objects.filter(empreendedor=empreendedor, passo=passo).delete()
    formalizacao_sincronizar(empreendedor=empreendedor)


@transaction.atomic
def etapa_confirmar(*, etapa, por):
    """A equipe confere o comprovante e confirma o passo."""
    if not _pode_atender_pessoas(por) or not pessoas_visiveis_para(por).filter(pk=etapa.empreendedor_id).exists():
        raise PermissionDenied(_("Você não pode confirmar passos desta pessoa."))
    if not etapa.concluida:
        raise ValidationError(_("A pessoa ainda não marcou este passo."))
    etapa.confirmado_por, etapa.confirmado_em = por, timezone.now()
    etapa.save(update_fields=["confirmado_por", "confirmado_em"])
    return etapa


@transaction.atomic
def formalizacao_sincronizar(*, empreendedor):
    """A situação de formalização do perfil acompanha o passo "inscrição MEI" da trilha."""
    mei = EtapaFormalizacao.objects.filter(
        empreendedor=empreendedor, passo=PassoFormalizacao.MEI, feito_em__isnull=False
    ).first()
    campos = []
    if mei and empreendedor.situacao_formalizacao in (SituacaoFormalizacao.INFORMAL, SituacaoFormalizacao.MEI):
        if empreendedor.situacao_formalizacao != SituacaoFormalizacao.MEI or empreendedor.cnpj != mei.dado:
            empreendedor.situacao_formalizacao, empreendedor.cnpj = SituacaoFormalizacao.MEI, mei.dado
            campos = ["situacao_formalizacao", "cnpj"]
    elif not mei and empreendedor.situacao_formalizacao == SituacaoFormalizacao.MEI:
        empreendedor.situacao_formalizacao, empreendedor.cnpj = SituacaoFormalizacao.INFORMAL, ""
        campos = ["situacao_formalizacao", "cnpj"]
    if campos:
        empreendedor.save(update_fields=campos)
    return empreendedor.situacao_formalizacao
