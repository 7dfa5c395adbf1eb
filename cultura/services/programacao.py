import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cultura.models import Apresentacao, Artista, Ensaio, EstadoProposta, ProjetoEspetaculo
from cultura.models.programacao import ORDEM_ETAPAS, EtapaProjeto
from pontos.services.reservas import reserva_cancelar, reserva_criar
from pontos.services.tarefas import tarefa_enfileirar

from .comum import exigir_edicao, secretaria_do_usuario


def _mensagem_artista_ocupado(outra):
    return _("%(artista)s já se apresenta de %(inicio)s a %(fim)s em %(ponto)s (“%(titulo)s”).") % {
        "artista": outra.artista,
        "inicio": formats.date_format(timezone.localtime(outra.inicio), "d/m/Y H:i"),
        "fim": formats.time_format(timezone.localtime(outra.fim), "H:i"),
        "ponto": outra.ponto,
        "titulo": outra.titulo,
    }


@transaction.atomic
def apresentacao_criar(
    *, artista, espaco, inicio, duracao_minutos, titulo, por, descricao="", proposta=None, cache=None, projeto=None
):
    """Marca uma apresentação: reserva o espaço no núcleo e garante o artista num lugar só.

    A secretaria vem de quem marca (ou da chamada que selecionou a proposta), nunca do formulário.
    Com ``projeto``, a apresentação passa a ser a estreia daquele projeto de espetáculo.
    """
    if proposta is not None:
        exigir_edicao(proposta.chamada, por)
        if proposta.estado != EstadoProposta.SELECIONADA:
            raise ValidationError({"proposta": _("Só propostas selecionadas viram apresentações.")})
        if proposta.artista_id != artista.pk:
            raise ValidationError({"proposta": _("A proposta é de outro artista.")})
        secretaria = proposta.chamada.secretaria
        if cache is None:
            cache = proposta.chamada.cache_valor
    else:
        secretaria = secretaria_do_usuario(por)
    if not duracao_minutos or duracao_minutos < 1:
        raise ValidationError({"duracao_minutos": _("Informe a duração em minutos.")})
    if duracao_minutos > 24 * 60:
        raise ValidationError({"duracao_minutos": _("Uma apresentação dura no máximo 24 horas.")})
    fim = inicio + datetime.timedelta(minutes=duracao_minutos)
    # Trava o artista: duas marcações simultâneas do mesmo artista passam uma de cada vez.
    artista = Artista.objects.select_for_update().get(pk=artista.pk)
    outra = (
        Apresentacao.objects.sobrepostas(artista=artista, inicio=inicio, fim=fim)
        .select_related("ponto", "artista")
        .first()
    )
    if outra:
        raise ValidationError({"inicio": _mensagem_artista_ocupado(outra)}, code="artista_ocupado")
    apresentacao = Apresentacao(
        secretaria=secretaria,
        artista=artista,
        ponto_id=espaco.ponto_id,
        espaco=espaco,
        proposta=proposta,
        titulo=titulo,
        descricao=descricao,
        inicio=inicio,
        duracao_minutos=duracao_minutos,
        fim=fim,
        cache=cache,
    )
    try:
        with transaction.atomic():
            apresentacao.save()
    except IntegrityError as erro:
        raise ValidationError(
            {"inicio": _("O artista acabou de ser marcado em outro lugar neste horário.")}, code="artista_ocupado"
        ) from erro
    try:
        reserva = reserva_criar(
            espaco=espaco, inicio=inicio, fim=fim, titulo=titulo, secretaria=secretaria, objeto=apresentacao, por=por
        )
    except ValidationError as erro:
        raise ValidationError({"espaco": erro.messages}, code="espaco_ocupado") from erro
    apresentacao.reserva = reserva
    apresentacao.save(update_fields=["reserva"])
    if projeto is not None:
        projeto_estreia_definir(projeto=projeto, apresentacao=apresentacao, por=por)
    tarefa_enfileirar("cultura.apresentacao_notificar", apresentacao_id=apresentacao.pk)
    return apresentacao


@transaction.atomic
def apresentacao_publico_registrar(*, apresentacao, publico, por):
    exigir_edicao(apresentacao, por)
    if publico is None or publico < 0:
        raise ValidationError({"publico_estimado": _("Informe um número de pessoas (zero ou mais).")})
    if apresentacao.inicio > timezone.now():
        raise ValidationError({"publico_estimado": _("O público só é registrado depois do início da apresentação.")})
    apresentacao.publico_estimado = publico
    apresentacao.save(update_fields=["publico_estimado"])
    return apresentacao


@transaction.atomic
def apresentacao_cancelar(*, apresentacao, por):
    exigir_edicao(apresentacao, por)
    apresentacao.cancelada = True
    apresentacao.save(update_fields=["cancelada"])
    if apresentacao.reserva_id:
        reserva_cancelar(reserva=apresentacao.reserva)
    tarefa_enfileirar("cultura.apresentacao_notificar", apresentacao_id=apresentacao.pk)
    return apresentacao


@transaction.atomic
def projeto_etapa_avancar(*, projeto, por, etapa=None):
    exigir_edicao(projeto, por)
    projeto = ProjetoEspetaculo.objects.select_for_update().get(pk=projeto.pk)
    atual = ORDEM_ETAPAS.index(projeto.etapa)
    if etapa is None:
        if atual + 1 >= len(ORDEM_ETAPAS):
            raise ValidationError(_("O projeto já está na última etapa."))
        etapa = ORDEM_ETAPAS[atual + 1]
    if etapa not in ORDEM_ETAPAS:
        raise ValidationError(_("Etapa inválida."))
    if etapa == EtapaProjeto.ESTREIA and projeto.estreia_id is None:
        raise ValidationError(_("Marque a apresentação de estreia antes de passar à etapa de estreia."))
    projeto.etapa = etapa
    projeto.etapa_desde = timezone.localdate()
    projeto.save(update_fields=["etapa", "etapa_desde"])
    return projeto


@transaction.atomic
def projeto_estreia_definir(*, projeto, apresentacao, por):
    exigir_edicao(projeto, por)
    if apresentacao.artista_id != projeto.artista_id:
        raise ValidationError(_("A estreia precisa ser uma apresentação do mesmo artista."))
    projeto.estreia = apresentacao
    projeto.save(update_fields=["estreia"])
    return projeto


@transaction.atomic
def ensaio_agendar(*, projeto, espaco, inicio, fim, por):
    exigir_edicao(projeto, por)
    if por is None or not por.is_authenticated:
        raise PermissionDenied
    if fim <= inicio:
        raise ValidationError({"fim": _("O fim precisa ser depois do início.")})
    ensaio = Ensaio.objects.create(projeto=projeto, espaco=espaco, inicio=inicio, fim=fim, criado_por=por)
    try:
        reserva = reserva_criar(
            espaco=espaco,
            inicio=inicio,
            fim=fim,
            titulo=_("Ensaio: %(t)s") % {"t": projeto.titulo},
            secretaria=projeto.secretaria,
            objeto=ensaio,
            por=por,
        )
    except ValidationError as erro:
        raise ValidationError({"espaco": erro.messages}) from erro
    ensaio.reserva = reserva
    ensaio.save(update_fields=["reserva"])
    return ensaio
