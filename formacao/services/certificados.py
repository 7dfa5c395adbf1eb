"""Conclusão pela frequência, certificado e qualificação (uma única vez) e revogação."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from formacao.models import (
    Certificado,
    EtapaFormalizacao,
    Matricula,
    PassoFormalizacao,
    Presenca,
    SituacaoMatricula,
    SituacaoTurma,
    Turma,
)
from formacao.services.comum import (
    SITUACOES_ATIVAS,
    TAMANHO_CODIGO_CERTIFICADO,
    _exigir_edicao,
    _somar_meses,
    codigo_gerar,
    codigo_normalizar,
    notificar,
)
from pontos.models import Qualificacao, TipoQualificacao


def frequencias_da_turma(turma):
    """{matricula_id: % de presença} sobre todos os encontros da turma."""
    total = turma.encontros.count()
    if not total:
        return {}
    contagem = (
        Presenca.objects.filter(encontro__turma=turma, presente=True)
        .values("matricula_id")
        .annotate(n=Count("pk"))
        .values_list("matricula_id", "n")
    )
    return {matricula_id: round(100 * n / total) for matricula_id, n in contagem}


@transaction.atomic
def turma_concluir(*, turma, por):
    """Calcula a frequência de cada pessoa; quem atingiu o mínimo conclui e recebe o certificado.

    Idempotente: rodar de novo não emite nada em dobro.
    """
    _exigir_edicao(Turma, usuario=por, pk=turma.pk)
    turma = Turma.objects.select_for_update().select_related("curso", "ponto").get(pk=turma.pk)
    if turma.situacao == SituacaoTurma.CANCELADA:
        raise ValidationError(_("Uma turma cancelada não pode ser concluída."))
    datas = turma.encontros.aggregate(ultimo=Max("fim"), n=Count("pk"))
    if not datas["n"]:
        raise ValidationError(_("A turma ainda não tem encontros."))
    if datas["ultimo"] > timezone.now():
        raise ValidationError(_("Ainda há encontros por acontecer; conclua depois do último."))
    frequencias = frequencias_da_turma(turma)
    concluidas, nao_concluidas = 0, 0
    for matricula in turma.matriculas.filter(situacao__in=SITUACOES_ATIVAS).select_related("empreendedor"):
        if matricula_concluir(matricula=matricula, turma=turma, frequencia=frequencias.get(matricula.pk, 0)):
            concluidas += 1
        else:
            nao_concluidas += 1
    agora = timezone.now()
    turma.matriculas.filter(situacao=SituacaoMatricula.ESPERA).update(
        situacao=SituacaoMatricula.CANCELADA, cancelada_em=agora
    )
    if turma.situacao != SituacaoTurma.ENCERRADA:
        turma.situacao = SituacaoTurma.ENCERRADA
        turma.encerrada_em = agora
        turma.save(update_fields=["situacao", "encerrada_em"])
    return {"concluidas": concluidas, "nao_concluidas": nao_concluidas}


@transaction.atomic
def matricula_concluir(*, matricula, turma, frequencia):
    """Fecha uma matrícula pela frequência; devolve o certificado (uma vez só) ou ``None``."""
    matricula = Matricula.objects.select_for_update().select_related("empreendedor").get(pk=matricula.pk)
    if matricula.situacao == SituacaoMatricula.CONCLUIDA:
        return certificado_emitir(matricula=matricula, turma=turma)
    if matricula.situacao not in SITUACOES_ATIVAS:
        return None
    matricula.frequencia = frequencia
    matricula.concluida_em = timezone.now()
    if frequencia >= turma.curso.frequencia_minima:
        matricula.situacao = SituacaoMatricula.CONCLUIDA
        matricula.save(update_fields=["situacao", "frequencia", "concluida_em"])
        return certificado_emitir(matricula=matricula, turma=turma)
    matricula.situacao = SituacaoMatricula.NAO_CONCLUIDA
    matricula.save(update_fields=["situacao", "frequencia", "concluida_em"])
    return None


@transaction.atomic
def certificado_emitir(*, matricula, turma):
    """Emite o certificado e a ``Qualificacao`` correspondente, uma única vez por matrícula."""
    existente = Certificado.objects.filter(matricula=matricula).first()
    if existente:
        return existente
    curso = turma.curso
    datas = turma.encontros.aggregate(primeiro=Min("inicio"), ultimo=Max("fim"))
    hoje = timezone.localdate()
    valido_ate = _somar_meses(hoje, curso.validade_meses) if curso.validade_meses else None
    codigo = codigo_gerar(TAMANHO_CODIGO_CERTIFICADO)
    while Certificado.objects.filter(codigo=codigo).exists():
        codigo = codigo_gerar(TAMANHO_CODIGO_CERTIFICADO)
    pessoa = matricula.empreendedor
    certificado = Certificado(
        matricula=matricula,
        codigo=codigo,
        nome=pessoa.nome_exibicao,
        curso_nome=curso.nome,
        carga_horaria=curso.carga_horaria,
        ponto_nome=turma.ponto.nome,
        data_inicio=timezone.localdate(datas["primeiro"]),
        data_fim=timezone.localdate(datas["ultimo"]),
        valido_ate=valido_ate,
    )
    try:
        with transaction.atomic():
            certificado.save()
    except IntegrityError:
        return Certificado.objects.get(matricula=matricula)
    if curso.concede:
        qualificacao, _criada = Qualificacao.objects.get_or_create(
            empreendedor=pessoa,
            referencia=certificado.referencia,
            defaults={
                "tipo": curso.concede,
                "origem": _("Curso %(curso)s — %(ponto)s") % {"curso": curso.nome, "ponto": turma.ponto.nome},
                "valida_de": hoje,
                "valida_ate": valido_ate,
                "verificada_em": timezone.now(),
            },
        )
        certificado.qualificacao = qualificacao
        certificado.save(update_fields=["qualificacao"])
        if curso.concede == TipoQualificacao.BOAS_PRATICAS:
            EtapaFormalizacao.objects.get_or_create(
                empreendedor=pessoa,
                passo=PassoFormalizacao.BOAS_PRATICAS,
                defaults={"feito_em": hoje, "confirmado_em": timezone.now(), "dado": certificado.codigo_exibicao},
            )
    notificar(
        empreendedor=pessoa,
        titulo=_("Parabéns! Seu certificado de %(curso)s está pronto") % {"curso": curso.nome},
        texto=_("Baixe o PDF em Meus cursos. Código de verificação: %(codigo)s")
        % {"codigo": certificado.codigo_exibicao},
        link=reverse("formacao:meus_cursos"),
    )
    return certificado


@transaction.atomic
def certificado_revogar(*, certificado, motivo, por):
    """Revoga com motivo; a qualificação concedida termina junto."""
    _exigir_edicao(Certificado, usuario=por, pk=certificado.pk)
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": _("Informe o motivo da revogação.")})
    certificado = Certificado.objects.select_for_update().get(pk=certificado.pk)
    if certificado.revogado_em:
        raise ValidationError(_("Este certificado já foi revogado."))
    agora = timezone.now()
    certificado.revogado_em, certificado.motivo_revogacao, certificado.revogado_por = agora, motivo[:300], por
    certificado.save(update_fields=["revogado_em", "motivo_revogacao", "revogado_por"])
    if certificado.qualificacao_id:
        Qualificacao.objects.filter(pk=certificado.qualificacao_id, revogada_em__isnull=True).update(
            revogada_em=agora, motivo_revogacao=motivo[:300]
        )
    return certificado


def certificado_buscar(codigo):
    """Consulta pública pelo código; ``None`` quando não existe (sem dizer mais nada)."""
    codigo = codigo_normalizar(codigo)
    if len(codigo) != TAMANHO_CODIGO_CERTIFICADO:
        return None
    return Certificado.objects.filter(codigo=codigo).first()
