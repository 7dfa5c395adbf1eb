"""Serviços da formação: tudo o que grava, confere permissão, avisa ou enfileira tarefa."""

import datetime
import re
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Min, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from localflavor.br.forms import BRCNPJField

from formacao import trilha
from formacao.models import (
    Certificado,
    Encontro,
    EtapaFormalizacao,
    Matricula,
    OrigemPresenca,
    PassoFormalizacao,
    Presenca,
    SituacaoMatricula,
    SituacaoTurma,
    Turma,
    pessoas_visiveis_para,
)
from pontos.escopo import vinculos_de
from pontos.models import AcessoDadosPessoais, Notificacao, Papel, Qualificacao, SituacaoFormalizacao, TipoQualificacao
from pontos.services.reservas import reserva_cancelar, reserva_criar
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


# ---------------------------------------------------------------- turmas e encontros


def secretaria_do_usuario(usuario, *, padrao=None):
    vinculos = [v for v in vinculos_de(usuario) if not v.secretaria.eh_governo]
    return vinculos[0].secretaria if vinculos else padrao


@transaction.atomic
def turma_criar(*, curso, ponto, espaco, instrutor, vagas, por, nome="", instrutor_usuario=None):
    """Cria a turma; a secretaria organizadora vem de quem cria (nunca do formulário)."""
    secretaria = secretaria_do_usuario(por, padrao=curso.secretaria if getattr(por, "is_superuser", False) else None)
    if secretaria is None:
        raise PermissionDenied(_("Só a equipe de uma secretaria pode criar turmas."))
    if espaco.ponto_id != ponto.pk:
        raise ValidationError({"espaco": _("Escolha um espaço do próprio Ponto da turma.")})
    if vagas < 1:
        raise ValidationError({"vagas": _("A turma precisa de pelo menos uma vaga.")})
    return Turma.objects.create(
        curso=curso,
        ponto=ponto,
        espaco=espaco,
        secretaria=secretaria,
        nome=nome,
        instrutor=instrutor,
        instrutor_usuario=instrutor_usuario,
        vagas=vagas,
    )


@transaction.atomic
def encontro_criar(*, turma, inicio, fim, por=None):
    """Marca um encontro e reserva o espaço do Ponto; conflito levanta ``ConflitoReserva`` com o motivo."""
    if por is not None:
        _exigir_edicao(Turma, usuario=por, pk=turma.pk)
    if fim <= inicio:
        raise ValidationError({"fim": _("O fim precisa ser depois do início.")})
    if turma.situacao != SituacaoTurma.ABERTA:
        raise ValidationError(_("A turma está encerrada ou cancelada; não recebe novos encontros."))
    if Encontro.objects.filter(turma=turma, inicio=inicio).exists():
        raise ValidationError({"inicio": _("Esta turma já tem um encontro neste horário.")})
    codigo = codigo_gerar(TAMANHO_CODIGO_PRESENCA)
    while Encontro.objects.filter(codigo_presenca=codigo).exists():
        codigo = codigo_gerar(TAMANHO_CODIGO_PRESENCA)
    encontro = Encontro.objects.create(
        turma=turma, inicio=inicio, fim=fim, codigo_presenca=codigo, codigo_expira_em=fim + VALIDADE_CODIGO_PRESENCA
    )
    encontro.reserva = reserva_criar(
        espaco=turma.espaco,
        inicio=inicio,
        fim=fim,
        titulo=_("Turma: %(curso)s") % {"curso": turma.curso.nome},
        secretaria=turma.secretaria,
        objeto=encontro,
        por=por,
    )
    encontro.save(update_fields=["reserva"])
    return encontro


@transaction.atomic
def encontro_remover(*, encontro, por):
    _exigir_edicao(Turma, usuario=por, pk=encontro.turma_id)
    if encontro.presencas.exists():
        raise ValidationError(_("Este encontro já tem presença lançada e não pode ser removido."))
    if encontro.reserva_id:
        reserva_cancelar(reserva=encontro.reserva)
    encontro.delete()


@transaction.atomic
def turma_promover_espera(*, turma):
    """Ocupa as vagas livres com a lista de espera, na ordem de chegada (ex.: depois de aumentar vagas)."""
    turma = Turma.objects.select_for_update().get(pk=turma.pk)
    promovidas = []
    while turma.vagas_ocupadas < turma.vagas:
        proxima = Matricula.objects.na_espera().filter(turma=turma).select_for_update().first()
        if proxima is None:
            break
        _promover(proxima, turma)
        Turma.objects.filter(pk=turma.pk).update(vagas_ocupadas=F("vagas_ocupadas") + 1)
        turma.refresh_from_db(fields=["vagas_ocupadas"])
        promovidas.append(proxima)
    return promovidas


@transaction.atomic
def turma_cancelar(*, turma, por, motivo=""):
    _exigir_edicao(Turma, usuario=por, pk=turma.pk)
    turma = Turma.objects.select_for_update().get(pk=turma.pk)
    if turma.situacao != SituacaoTurma.ABERTA:
        raise ValidationError(_("Só turmas abertas podem ser canceladas."))
    turma.situacao = SituacaoTurma.CANCELADA
    turma.encerrada_em = timezone.now()
    turma.save(update_fields=["situacao", "encerrada_em"])
    for encontro in turma.encontros.select_related("reserva"):
        if encontro.reserva_id:
            reserva_cancelar(reserva=encontro.reserva)
    for matricula in turma.matriculas.filter(
        situacao__in=[SituacaoMatricula.CONFIRMADA, SituacaoMatricula.ESPERA]
    ).select_related("empreendedor"):
        matricula.situacao = SituacaoMatricula.CANCELADA
        matricula.cancelada_em = timezone.now()
        matricula.save(update_fields=["situacao", "cancelada_em"])
        notificar(
            empreendedor=matricula.empreendedor,
            titulo=_("A turma de %(curso)s foi cancelada") % {"curso": turma.curso.nome},
            texto=motivo,
            link=reverse("formacao:meus_cursos"),
        )
    Turma.objects.filter(pk=turma.pk).update(vagas_ocupadas=0)


# ---------------------------------------------------------------- matrículas


@transaction.atomic
def matricula_criar(*, turma, empreendedor):
    """Confirma a vaga se houver; senão, entra na lista de espera. O banco garante a lotação.

    A linha da turma é travada (``select_for_update``), a ocupação sobe com um UPDATE condicional
    (``vagas_ocupadas < vagas``) e a restrição ``turma_ocupacao_ate_vagas`` impede qualquer excesso.
    """
    turma = Turma.objects.select_for_update().select_related("curso").get(pk=turma.pk)
    if not turma.aceita_matricula:
        raise ValidationError(_("As matrículas desta turma estão encerradas."))
    if (
        Matricula.objects.filter(turma=turma, empreendedor=empreendedor)
        .exclude(situacao=SituacaoMatricula.CANCELADA)
        .exists()
    ):
        raise ValidationError(_("Você já tem matrícula nesta turma."))
    ocupou = Turma.objects.filter(pk=turma.pk, vagas_ocupadas__lt=F("vagas")).update(
        vagas_ocupadas=F("vagas_ocupadas") + 1
    )
    situacao = SituacaoMatricula.CONFIRMADA if ocupou else SituacaoMatricula.ESPERA
    try:
        with transaction.atomic():
            matricula = Matricula.objects.create(turma=turma, empreendedor=empreendedor, situacao=situacao)
    except IntegrityError as erro:
        raise ValidationError(_("Você já tem matrícula nesta turma.")) from erro
    return matricula


def posicao_na_espera(matricula):
    if matricula.situacao != SituacaoMatricula.ESPERA:
        return None
    return (
        Matricula.objects.filter(turma_id=matricula.turma_id, situacao=SituacaoMatricula.ESPERA)
        .filter(Q(criada_em__lt=matricula.criada_em) | Q(criada_em=matricula.criada_em, pk__lt=matricula.pk))
        .count()
        + 1
    )


def _promover(matricula, turma):
    matricula.situacao = SituacaoMatricula.CONFIRMADA
    matricula.promovida_em = timezone.now()
    matricula.save(update_fields=["situacao", "promovida_em"])
    notificar(
        empreendedor=matricula.empreendedor,
        titulo=_("Sua vaga em %(curso)s foi confirmada") % {"curso": turma.curso.nome},
        texto=_("Abriu uma vaga e você saiu da lista de espera. Veja as datas dos encontros em Meus cursos."),
        link=reverse("formacao:meus_cursos"),
    )


@transaction.atomic
def matricula_cancelar(*, matricula):
    """Cancela; se liberou vaga, a primeira pessoa da lista de espera é promovida e avisada."""
    turma = Turma.objects.select_for_update().select_related("curso").get(pk=matricula.turma_id)
    matricula = Matricula.objects.select_for_update().get(pk=matricula.pk)
    if matricula.situacao not in (SituacaoMatricula.CONFIRMADA, SituacaoMatricula.ESPERA):
        raise ValidationError(_("Esta matrícula não pode mais ser cancelada."))
    liberou = matricula.situacao == SituacaoMatricula.CONFIRMADA
    matricula.situacao = SituacaoMatricula.CANCELADA
    matricula.cancelada_em = timezone.now()
    matricula.save(update_fields=["situacao", "cancelada_em"])
    promovida = None
    if liberou:
        promovida = (
            Matricula.objects.na_espera().filter(turma=turma).select_for_update().select_related("empreendedor").first()
        )
        if promovida and turma.situacao == SituacaoTurma.ABERTA:
            _promover(promovida, turma)
        else:
            promovida = None
            Turma.objects.filter(pk=turma.pk, vagas_ocupadas__gt=0).update(vagas_ocupadas=F("vagas_ocupadas") - 1)
    return promovida


# ---------------------------------------------------------------- presença


@transaction.atomic
def presenca_lancar(*, encontro, presentes, por):
    """A equipe marca quem veio; quem não foi marcado(a) fica com falta. Pode ser relançada."""
    _exigir_edicao(Turma, usuario=por, pk=encontro.turma_id)
    if encontro.inicio - TOLERANCIA_PRESENCA > timezone.now():
        raise ValidationError(_("A presença só pode ser lançada a partir do início do encontro."))
    matriculas = list(Matricula.objects.filter(turma_id=encontro.turma_id, situacao__in=SITUACOES_ATIVAS))
    ids = {m.pk for m in matriculas}
    presentes = {int(p) for p in presentes}
    if presentes - ids:
        raise ValidationError(_("Há pessoas marcadas que não são desta turma."))
    existentes = {p.matricula_id: p for p in Presenca.objects.filter(encontro=encontro)}
    agora = timezone.now()
    novas, alteradas = [], []
    for matricula in matriculas:
        presente = matricula.pk in presentes
        atual = existentes.get(matricula.pk)
        if atual is None:
            novas.append(
                Presenca(
                    encontro=encontro,
                    matricula=matricula,
                    presente=presente,
                    origem=OrigemPresenca.EQUIPE,
                    registrada_por=por,
                    registrada_em=agora,
                )
            )
        elif atual.presente != presente:
            atual.presente, atual.origem, atual.registrada_por, atual.registrada_em = (
                presente,
                OrigemPresenca.EQUIPE,
                por,
                agora,
            )
            alteradas.append(atual)
    Presenca.objects.bulk_create(novas)
    Presenca.objects.bulk_update(alteradas, ["presente", "origem", "registrada_por", "registrada_em"])
    Encontro.objects.filter(pk=encontro.pk).update(presenca_lancada_em=agora)
    return len([m for m in matriculas if m.pk in presentes])


@transaction.atomic
def presenca_por_codigo(*, codigo, empreendedor):
    """Autoinscrição: a pessoa digita (ou escaneia) o código que o(a) instrutor(a) mostra."""
    codigo = codigo_normalizar(codigo)
    agora = timezone.now()
    encontro = (
        Encontro.objects.select_related("turma__curso").filter(codigo_presenca=codigo).first() if codigo else None
    )
    if encontro is None or agora > encontro.codigo_expira_em or agora < encontro.inicio - TOLERANCIA_PRESENCA:
        raise ValidationError(
            {"codigo": _("Código não encontrado ou fora do horário do encontro. Confira com o(a) instrutor(a).")}
        )
    matricula = Matricula.objects.filter(
        turma_id=encontro.turma_id, empreendedor=empreendedor, situacao=SituacaoMatricula.CONFIRMADA
    ).first()
    if matricula is None:
        raise ValidationError({"codigo": _("Você não tem matrícula confirmada nesta turma.")})
    presenca, _criada = Presenca.objects.update_or_create(
        encontro=encontro,
        matricula=matricula,
        defaults={"presente": True, "origem": OrigemPresenca.CODIGO, "registrada_em": agora},
    )
    return presenca


# ---------------------------------------------------------------- conclusão e certificado


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


# ---------------------------------------------------------------- trilha MEI


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


# ---------------------------------------------------------------- lembretes


def lembretes_enviar(*, antecedencia=datetime.timedelta(hours=24)):
    """Avisa as pessoas confirmadas dos encontros que começam dentro da antecedência. Idempotente."""
    agora = timezone.now()
    enviados = 0
    pendentes = Encontro.objects.filter(
        lembrete_enviado_em__isnull=True,
        inicio__gt=agora,
        inicio__lte=agora + antecedencia,
        turma__situacao=SituacaoTurma.ABERTA,
    ).values_list("pk", flat=True)
    for pk in pendentes:
        with transaction.atomic():
            # UPDATE condicional: dois beats simultâneos não avisam duas vezes.
            if not Encontro.objects.filter(pk=pk, lembrete_enviado_em__isnull=True).update(lembrete_enviado_em=agora):
                continue
            encontro = Encontro.objects.select_related("turma__curso", "turma__ponto", "turma__espaco").get(pk=pk)
            for matricula in encontro.turma.matriculas.filter(situacao=SituacaoMatricula.CONFIRMADA).select_related(
                "empreendedor"
            ):
                notificar(
                    empreendedor=matricula.empreendedor,
                    titulo=_("Lembrete: %(curso)s em %(data)s")
                    % {"curso": encontro.turma.curso.nome, "data": _data(encontro.inicio)},
                    texto=_("Local: %(espaco)s, %(ponto)s.")
                    % {"espaco": encontro.turma.espaco.nome, "ponto": encontro.turma.ponto.nome},
                    link=reverse("formacao:meus_cursos"),
                )
                enviados += 1
    return enviados
