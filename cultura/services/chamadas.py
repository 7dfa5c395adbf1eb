import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cultura.arquivos import documento_validar
from cultura.models import (
    Avaliacao,
    Chamada,
    DecisaoRecurso,
    DocumentoProposta,
    EstadoChamada,
    EstadoProposta,
    Finalidade,
    NotaCriterio,
    ProjetoEspetaculo,
    Proposta,
    Recurso,
)
from cultura.selectors import ranking_calcular
from pontos.services.tarefas import tarefa_enfileirar

from .comum import exigir_edicao


def _notificar(proposta, evento):
    tarefa_enfileirar("cultura.proposta_notificar", proposta_id=proposta.pk, evento=evento)


def _travar(chamada):
    return Chamada.objects.select_for_update().get(pk=chamada.pk)


# --- Chamada: publicação e fases -------------------------------------------------------------


@transaction.atomic
def chamada_publicar(*, chamada, por):
    exigir_edicao(chamada, por)
    chamada = _travar(chamada)
    if chamada.estado != EstadoChamada.RASCUNHO:
        raise ValidationError(_("Esta chamada já foi publicada."))
    if not chamada.criterios.exists():
        raise ValidationError(_("Cadastre ao menos um critério de avaliação antes de publicar."))
    if chamada.encerramento <= timezone.now():
        raise ValidationError(_("O encerramento das inscrições já passou; ajuste as datas."))
    chamada.estado = EstadoChamada.PUBLICADA
    chamada.save(update_fields=["estado"])
    return chamada


def _encerrar(chamada):
    chamada.estado = EstadoChamada.AVALIACAO
    chamada.save(update_fields=["estado"])
    for proposta in chamada.propostas.filter(estado__in=[EstadoProposta.ENVIADA, EstadoProposta.RASCUNHO]):
        _notificar(proposta, "em_avaliacao" if proposta.estado == EstadoProposta.ENVIADA else "nao_enviada")


@transaction.atomic
def chamada_encerrar_inscricoes(*, chamada, por):
    exigir_edicao(chamada, por)
    chamada = _travar(chamada)
    if chamada.estado != EstadoChamada.PUBLICADA:
        raise ValidationError(_("Só uma chamada com inscrições pode passar para avaliação."))
    if timezone.now() < chamada.encerramento:
        raise ValidationError(_("As inscrições ainda estão abertas até o prazo; espere o encerramento."))
    _encerrar(chamada)
    return chamada


def chamadas_encerrar_vencidas():
    """Tarefa periódica: chamadas cujo prazo passou vão para avaliação. Idempotente."""
    quantas = 0
    for pk in Chamada.objects.filter(estado=EstadoChamada.PUBLICADA, encerramento__lte=timezone.now()).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            chamada = Chamada.objects.select_for_update().get(pk=pk)
            if chamada.estado == EstadoChamada.PUBLICADA and chamada.encerramento <= timezone.now():
                _encerrar(chamada)
                quantas += 1
    return quantas


# --- Proposta: rascunho, documentos e envio --------------------------------------------------


def _exigir_dono(proposta_ou_artista, empreendedor):
    artista = getattr(proposta_ou_artista, "artista", proposta_ou_artista)
    if empreendedor is None or artista.responsavel_id != empreendedor.pk:
        raise PermissionDenied(_("Este perfil artístico não é seu."))


@transaction.atomic
def proposta_salvar(*, chamada, artista, titulo, resumo, pessoa, proposta=None):
    """Cria ou atualiza o rascunho de uma proposta (o envio é outro passo)."""
    _exigir_dono(artista, pessoa)
    if proposta is not None:
        _exigir_dono(proposta, pessoa)
        proposta = Proposta.objects.select_for_update().select_related("chamada").get(pk=proposta.pk)
        chamada = proposta.chamada
        if proposta.estado != EstadoProposta.RASCUNHO:
            raise ValidationError(_("A proposta já foi enviada e não pode mais ser alterada."))
    if not chamada.inscricoes_abertas:
        raise ValidationError(_("As inscrições desta chamada não estão abertas."))
    if proposta is None:
        if Proposta.objects.filter(chamada=chamada, artista=artista).exists():
            raise ValidationError({"artista": _("Este perfil já tem uma proposta nesta chamada.")})
        proposta = Proposta(chamada=chamada, artista=artista)
    else:
        proposta.artista = artista
    proposta.titulo, proposta.resumo = titulo, resumo
    try:
        with transaction.atomic():
            proposta.save()
    except IntegrityError as erro:
        raise ValidationError({"artista": _("Este perfil já tem uma proposta nesta chamada.")}) from erro
    return proposta


@transaction.atomic
def proposta_documento_enviar(*, proposta, exigido, arquivo, pessoa):
    _exigir_dono(proposta, pessoa)
    proposta = Proposta.objects.select_for_update().select_related("chamada").get(pk=proposta.pk)
    if not proposta.editavel:
        raise ValidationError(_("A proposta não pode mais receber documentos."))
    if exigido.chamada_id != proposta.chamada_id:
        raise ValidationError({"exigido": _("Documento não pertence a esta chamada.")})
    try:
        conteudo = documento_validar(arquivo)
    except ValidationError as erro:
        raise ValidationError({"arquivo": erro.messages}) from erro
    documento = DocumentoProposta.objects.filter(proposta=proposta, exigido=exigido).first()
    if documento is None:
        documento = DocumentoProposta(proposta=proposta, exigido=exigido)
    else:
        documento.arquivo.delete(save=False)
    documento.nome_original = (getattr(arquivo, "name", "") or conteudo.name)[:200]
    documento.arquivo.save(conteudo.name, conteudo, save=False)
    documento.save()
    return documento


@transaction.atomic
def proposta_enviar(*, proposta, pessoa):
    _exigir_dono(proposta, pessoa)
    proposta = Proposta.objects.select_for_update().select_related("chamada").get(pk=proposta.pk)
    if proposta.estado != EstadoProposta.RASCUNHO:
        raise ValidationError(_("Esta proposta já foi enviada."))
    if not proposta.chamada.inscricoes_abertas:
        raise ValidationError(_("O prazo de inscrição desta chamada terminou."))
    enviados = set(proposta.documentos.values_list("exigido_id", flat=True))
    faltando = [d.nome for d in proposta.chamada.documentos_exigidos.filter(obrigatorio=True) if d.pk not in enviados]
    if faltando:
        raise ValidationError(_("Faltam documentos obrigatórios: %(docs)s.") % {"docs": ", ".join(faltando)})
    proposta.estado = EstadoProposta.ENVIADA
    proposta.enviada_em = timezone.now()
    proposta.save(update_fields=["estado", "enviada_em", "atualizada_em"])
    _notificar(proposta, "enviada")
    return proposta


def documento_abrir(*, documento, por):
    """Abre um documento de proposta para a equipe, registrando o acesso a dados pessoais (LGPD)."""
    from pontos.models import AcessoDadosPessoais

    AcessoDadosPessoais.objects.create(
        usuario=por,
        empreendedor_id=documento.proposta.artista.responsavel_id,
        finalidade=_("Documento “%(doc)s” da proposta cultural %(pk)s")
        % {"doc": documento.exigido.nome, "pk": documento.proposta_id},
    )
    return documento.arquivo.open("rb")


# --- Avaliação ----------------------------------------------------------------------------


@transaction.atomic
def avaliacao_salvar(*, proposta, avaliador, notas, concluir=False):
    """Grava as notas do avaliador: ``notas`` = {criterio_id: (nota, comentario)}.

    Concluída, a avaliação fica fechada; só então o avaliador vê as notas dos demais.
    """
    chamada = proposta.chamada
    if not chamada.avaliadores.filter(pk=avaliador.pk).exists():
        raise PermissionDenied(_("Você não é avaliador(a) desta chamada."))
    if chamada.estado != EstadoChamada.AVALIACAO:
        raise ValidationError(_("A chamada não está em fase de avaliação."))
    if proposta.estado != EstadoProposta.ENVIADA:
        raise ValidationError(_("Só propostas enviadas são avaliadas."))
    avaliacao, _criada = Avaliacao.objects.select_for_update().get_or_create(proposta=proposta, avaliador=avaliador)
    if avaliacao.concluida_em:
        raise ValidationError(_("Você já concluiu esta avaliação."))
    criterios = {c.pk: c for c in chamada.criterios.all()}
    erros = {}
    for criterio_id, (nota, _comentario) in notas.items():
        criterio = criterios.get(int(criterio_id))
        if criterio is None:
            raise ValidationError(_("Critério inválido."))
        if nota is not None and not (Decimal("0") <= Decimal(nota) <= criterio.nota_maxima):
            erros[f"nota_{criterio.pk}"] = _("A nota precisa estar entre 0 e %(max)s.") % {"max": criterio.nota_maxima}
    if concluir:
        for criterio in criterios.values():
            if notas.get(criterio.pk, (None, ""))[0] is None:
                erros[f"nota_{criterio.pk}"] = _("Dê uma nota a este critério para concluir.")
    if erros:
        raise ValidationError(erros)
    for criterio_id, (nota, comentario) in notas.items():
        if nota is None:
            NotaCriterio.objects.filter(avaliacao=avaliacao, criterio_id=criterio_id).delete()
            continue
        NotaCriterio.objects.update_or_create(
            avaliacao=avaliacao, criterio_id=criterio_id, defaults={"nota": nota, "comentario": comentario or ""}
        )
    if concluir:
        avaliacao.concluida_em = timezone.now()
        avaliacao.save(update_fields=["concluida_em"])
    return avaliacao


# --- Resultado, recurso e resultado final ---------------------------------------------------


def _aplicar_ranking(chamada, revistas=None):
    linhas = ranking_calcular(chamada=chamada, revistas=revistas)
    mudadas = []
    for posicao, linha in enumerate(linhas, start=1):
        proposta = linha.proposta
        estado = EstadoProposta.SELECIONADA if posicao <= chamada.vagas else EstadoProposta.NAO_SELECIONADA
        proposta.nota, proposta.posicao, proposta.estado = linha.nota, posicao, estado
        mudadas.append(proposta)
    Proposta.objects.bulk_update(mudadas, ["nota", "posicao", "estado"])
    return mudadas


@transaction.atomic
def resultado_publicar(*, chamada, por):
    exigir_edicao(chamada, por)
    chamada = _travar(chamada)
    if chamada.estado != EstadoChamada.AVALIACAO:
        raise ValidationError(_("O resultado só pode ser publicado depois da avaliação."))
    enviadas = chamada.propostas.exclude(estado=EstadoProposta.RASCUNHO)
    sem_avaliacao = enviadas.exclude(avaliacoes__concluida_em__isnull=False)
    if sem_avaliacao.exists():
        raise ValidationError(
            _("Ainda há %(n)s proposta(s) sem nenhuma avaliação concluída.") % {"n": sem_avaliacao.count()}
        )
    propostas = _aplicar_ranking(chamada)
    agora = timezone.now()
    chamada.estado = EstadoChamada.RESULTADO
    chamada.resultado_publicado_em = agora
    chamada.recurso_ate = agora + datetime.timedelta(days=chamada.prazo_recurso_dias)
    chamada.save(update_fields=["estado", "resultado_publicado_em", "recurso_ate"])
    for proposta in propostas:
        _notificar(proposta, "resultado")
    return chamada


@transaction.atomic
def recurso_criar(*, proposta, texto, pessoa):
    _exigir_dono(proposta, pessoa)
    proposta = Proposta.objects.select_for_update().select_related("chamada").get(pk=proposta.pk)
    if not proposta.chamada.recurso_aberto:
        raise ValidationError(_("O prazo de recurso desta chamada não está aberto."))
    if proposta.estado == EstadoProposta.RASCUNHO:
        raise ValidationError(_("Só quem enviou proposta pode recorrer."))
    texto = (texto or "").strip()
    if len(texto) < 20:
        raise ValidationError({"texto": _("Explique o motivo do recurso (pelo menos 20 caracteres).")})
    if Recurso.objects.filter(proposta=proposta).exists():
        raise ValidationError(_("Você já enviou um recurso para esta proposta."))
    try:
        with transaction.atomic():
            recurso = Recurso.objects.create(proposta=proposta, texto=texto)
    except IntegrityError as erro:
        raise ValidationError(_("Você já enviou um recurso para esta proposta.")) from erro
    _notificar(proposta, "recurso_recebido")
    return recurso


@transaction.atomic
def recurso_responder(*, recurso, decisao, resposta, por, nota_revista=None):
    exigir_edicao(recurso.proposta.chamada, por)
    recurso = Recurso.objects.select_for_update().select_related("proposta__chamada").get(pk=recurso.pk)
    if recurso.proposta.chamada.estado != EstadoChamada.RESULTADO:
        raise ValidationError(_("Os recursos só são respondidos antes do resultado final."))
    if recurso.respondido_em:
        raise ValidationError(_("Este recurso já foi respondido."))
    if decisao not in DecisaoRecurso.values:
        raise ValidationError({"decisao": _("Escolha deferido ou indeferido.")})
    if not (resposta or "").strip():
        raise ValidationError({"resposta": _("Escreva a resposta ao proponente.")})
    if decisao == DecisaoRecurso.INDEFERIDO:
        nota_revista = None
    if nota_revista is not None and nota_revista < 0:
        raise ValidationError({"nota_revista": _("A nota não pode ser negativa.")})
    recurso.decisao, recurso.resposta, recurso.nota_revista = decisao, resposta.strip(), nota_revista
    recurso.respondido_em, recurso.respondido_por = timezone.now(), por
    recurso.save()
    _notificar(recurso.proposta, "recurso_respondido")
    return recurso


def _projetos_criar(chamada, selecionadas):
    """Chamada de criação de espetáculo: cada proposta selecionada vira um projeto, na etapa "proposta"."""
    for proposta in selecionadas:
        ProjetoEspetaculo.objects.get_or_create(
            chamada=chamada,
            artista=proposta.artista,
            defaults={"secretaria": chamada.secretaria, "titulo": proposta.titulo, "sinopse": proposta.resumo},
        )


@transaction.atomic
def resultado_final_publicar(*, chamada, por):
    exigir_edicao(chamada, por)
    chamada = _travar(chamada)
    if chamada.estado != EstadoChamada.RESULTADO:
        raise ValidationError(_("Publique antes o resultado preliminar."))
    if chamada.recurso_aberto:
        raise ValidationError(
            _("O prazo de recurso vai até %(data)s; publique o resultado final depois dele.")
            % {"data": timezone.localtime(chamada.recurso_ate).strftime("%d/%m/%Y %H:%M")}
        )
    pendentes = Recurso.objects.filter(proposta__chamada=chamada, respondido_em__isnull=True).count()
    if pendentes:
        raise ValidationError(
            _("Responda os %(n)s recurso(s) pendente(s) antes do resultado final.") % {"n": pendentes}
        )
    revistas = dict(
        Recurso.objects.filter(
            proposta__chamada=chamada, decisao=DecisaoRecurso.DEFERIDO, nota_revista__isnull=False
        ).values_list("proposta_id", "nota_revista")
    )
    propostas = _aplicar_ranking(chamada, revistas=revistas)
    if chamada.finalidade == Finalidade.ESPETACULOS:
        _projetos_criar(chamada, [p for p in propostas if p.estado == EstadoProposta.SELECIONADA])
    chamada.estado = EstadoChamada.FINAL
    chamada.resultado_final_em = timezone.now()
    chamada.save(update_fields=["estado", "resultado_final_em"])
    for proposta in propostas:
        _notificar(proposta, "resultado_final")
    return chamada
