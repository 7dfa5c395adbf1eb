"""Serviços do programa de feiras: tudo que grava, notifica ou confere permissão passa por aqui."""

import contextlib
import dataclasses
import datetime
import hashlib
import json
import secrets
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from feiras.models import (
    CAMPOS_PERFIL,
    Alocacao,
    Banca,
    CategoriaFeira,
    Feira,
    Inscricao,
    LayoutBancas,
    RelatoVendas,
    Sorteio,
    StatusFeira,
    StatusInscricao,
)
from pontos.escopo import vinculos_de
from pontos.extensoes import eventos_agenda
from pontos.models import Papel, Qualificacao, TipoQualificacao
from pontos.services.reservas import (
    ConflitoReserva,
    reserva_alterar,
    reserva_cancelar,
    reserva_criar,
)
from pontos.services.tarefas import tarefa_enfileirar, varredura_adiantar

ALGORITMO_SORTEIO = _(
    "Em cada categoria, as inscrições são ordenadas pela pontuação, da maior para a menor. "
    "Quem empata é desempatado pela impressão digital SHA-256 (em hexadecimal) do texto "
    "“semente:número da inscrição” — por exemplo “{semente}:123” —, da menor para a maior. "
    "As primeiras, até a cota e as bancas livres, recebem banca; as demais formam a lista de espera nessa ordem."
)


class Recorrencia:
    UNICA = "unica"
    SEMANAL = "semanal"
    QUINZENAL = "quinzenal"
    MENSAL = "mensal"
    ESCOLHAS = [
        (UNICA, _("Edição única")),
        (SEMANAL, _("Toda semana, no mesmo dia")),
        (QUINZENAL, _("A cada duas semanas")),
        (MENSAL, _("Todo mês, na mesma semana e dia (ex.: segundo sábado)")),
    ]


# ---------------------------------------------------------------- permissões


def _exigir_edicao(feira, por):
    if por is None:
        return
    if not Feira.objects.filter(pk=feira.pk).editaveis_por(por).exists():
        raise PermissionDenied(_("Você não pode alterar esta feira."))


def secretaria_do_usuario(usuario):
    """A secretaria em que o usuário organiza feiras (nunca vem do formulário)."""
    for vinculo in vinculos_de(usuario):
        if not vinculo.secretaria.eh_governo and vinculo.papel in {Papel.GESTOR, Papel.OPERADOR}:
            return vinculo.secretaria
    raise PermissionDenied(_("Seu perfil não permite organizar feiras."))


def eh_gestor(usuario, secretaria_id=None):
    if getattr(usuario, "is_superuser", False):
        return True
    return any(
        v.papel == Papel.GESTOR and (secretaria_id is None or v.secretaria_id == secretaria_id)
        for v in vinculos_de(usuario)
    )


# ---------------------------------------------------------------- feira e recorrência


def _datas_recorrentes(data, recorrencia, repeticoes):
    datas = [data]
    if recorrencia == Recorrencia.UNICA:
        return datas
    semana_do_mes = (data.day - 1) // 7
    atual = data
    while len(datas) < repeticoes:
        if recorrencia == Recorrencia.SEMANAL:
            atual = atual + datetime.timedelta(days=7)
        elif recorrencia == Recorrencia.QUINZENAL:
            atual = atual + datetime.timedelta(days=14)
        else:
            ano, mes = (atual.year + (atual.month // 12), atual.month % 12 + 1)
            primeiro = datetime.date(ano, mes, 1)
            deslocamento = (data.weekday() - primeiro.weekday()) % 7
            candidato = primeiro + datetime.timedelta(days=deslocamento + 7 * semana_do_mes)
            if candidato.month != mes:  # "quinto sábado" que não existe: usa o último
                candidato -= datetime.timedelta(days=7)
            atual = candidato
        datas.append(atual)
    return datas


def _reservar(feira, por, ignorar=None):
    try:
        return reserva_criar(
            espaco=feira.espaco,
            inicio=feira.inicio,
            fim=feira.fim,
            titulo=feira.titulo,
            secretaria=feira.secretaria,
            objeto=feira,
            por=por,
        )
    except ConflitoReserva as erro:
        raise ValidationError(
            _("Edição de %(data)s: %(motivo)s")
            % {"data": formats.date_format(feira.data, "d/m/Y"), "motivo": " ".join(erro.messages)}
        ) from erro


@transaction.atomic
def feira_criar(
    *,
    por,
    ponto,
    espaco,
    titulo,
    data,
    hora_inicio,
    hora_fim,
    inscricoes_abrem,
    inscricoes_fecham,
    tema="",
    descricao="",
    numero_to_legal="",
    cancelar_ate=None,
    recorrencia=Recorrencia.UNICA,
    repeticoes=1,
    secretaria=None,
):
    """Cria a feira (ou as edições de uma recorrência), cada uma reservando a área de feira do Ponto."""
    secretaria = secretaria or secretaria_do_usuario(por)
    if espaco.ponto_id != ponto.pk:
        raise ValidationError({"espaco": _("Escolha uma área de feira deste Ponto.")})
    if hora_fim <= hora_inicio:
        raise ValidationError({"hora_fim": _("O fim precisa ser depois do início.")})
    if inscricoes_fecham <= inscricoes_abrem:
        raise ValidationError({"inscricoes_fecham": _("O fechamento das inscrições precisa ser depois da abertura.")})
    repeticoes = max(1, min(int(repeticoes or 1), 52))
    serie = uuid.uuid4().hex if recorrencia != Recorrencia.UNICA and repeticoes > 1 else ""
    feiras = []
    for data_edicao in _datas_recorrentes(data, recorrencia, repeticoes):
        deslocamento = datetime.datetime.combine(data_edicao, hora_inicio) - datetime.datetime.combine(
            data, hora_inicio
        )
        feira = Feira(
            secretaria=secretaria,
            ponto=ponto,
            espaco=espaco,
            titulo=titulo,
            tema=tema,
            descricao=descricao,
            data=data_edicao,
            hora_inicio=hora_inicio,
            hora_fim=hora_fim,
            inscricoes_abrem=inscricoes_abrem + deslocamento,
            inscricoes_fecham=inscricoes_fecham + deslocamento,
            cancelar_ate=cancelar_ate + deslocamento if cancelar_ate else None,
            numero_to_legal=numero_to_legal,
            serie=serie,
            criada_por=por,
        )
        if feira.inscricoes_fecham > feira.inicio:
            raise ValidationError({"inscricoes_fecham": _("As inscrições precisam fechar antes do início da feira.")})
        feira.save()
        feira.reserva = _reservar(feira, por)
        feira.save(update_fields=["reserva"])
        feiras.append(feira)
    layout_garantir(ponto=ponto, secretaria=secretaria)
    return feiras


CAMPOS_ALTERAVEIS = {
    "titulo",
    "tema",
    "descricao",
    "data",
    "hora_inicio",
    "hora_fim",
    "inscricoes_abrem",
    "inscricoes_fecham",
    "cancelar_ate",
    "numero_to_legal",
    "peso_cadunico",
    "peso_territorio",
    "peso_qualificacao",
    "peso_rodizio",
    "peso_ausencia",
}


@transaction.atomic
def feira_alterar(*, feira, por, **campos):
    """Altera uma edição; se data ou horário mudarem, move a reserva e avisa os inscritos."""
    _exigir_edicao(feira, por)
    feira = Feira.objects.select_for_update().get(pk=feira.pk)
    if feira.status == StatusFeira.CANCELADA:
        raise ValidationError(_("Esta edição foi cancelada e não pode ser alterada."))
    desconhecidos = set(campos) - CAMPOS_ALTERAVEIS
    if desconhecidos:
        raise ValidationError(_("Campos que não podem ser alterados: %s") % ", ".join(sorted(desconhecidos)))
    horario_antes = (feira.data, feira.hora_inicio, feira.hora_fim)
    for nome, valor in campos.items():
        setattr(feira, nome, valor)
    if feira.hora_fim <= feira.hora_inicio:
        raise ValidationError({"hora_fim": _("O fim precisa ser depois do início.")})
    if feira.inscricoes_fecham <= feira.inscricoes_abrem:
        raise ValidationError({"inscricoes_fecham": _("O fechamento das inscrições precisa ser depois da abertura.")})
    mudou_horario = horario_antes != (feira.data, feira.hora_inicio, feira.hora_fim)
    if mudou_horario:
        try:
            if feira.reserva_id:
                reserva_alterar(reserva=feira.reserva, inicio=feira.inicio, fim=feira.fim)
            else:
                feira.reserva = _reservar(feira, por)
        except ConflitoReserva as erro:
            raise ValidationError(" ".join(erro.messages)) from erro
    feira.save()
    if mudou_horario:
        tarefa_enfileirar(
            "feiras.notificar_feira", feira_id=feira.pk, tipo="alterada", versao=timezone.now().isoformat()
        )
    return feira


@transaction.atomic
def feira_cancelar(*, feira, por, motivo=""):
    _exigir_edicao(feira, por)
    feira = Feira.objects.select_for_update().get(pk=feira.pk)
    if feira.status == StatusFeira.CANCELADA:
        return feira
    feira.status = StatusFeira.CANCELADA
    feira.save(update_fields=["status"])
    if feira.reserva_id:
        reserva_cancelar(reserva=feira.reserva)
    tarefa_enfileirar("feiras.notificar_feira", feira_id=feira.pk, tipo="cancelada", versao=motivo[:40])
    return feira


# ---------------------------------------------------------------- layout e categorias


def layout_garantir(*, ponto, secretaria):
    layout, _criado = LayoutBancas.objects.get_or_create(ponto=ponto, defaults={"secretaria": secretaria})
    return layout


@transaction.atomic
def layout_gerar_grade(*, layout, quantidade, categoria="", tamanho="p"):
    """Acrescenta ``quantidade`` bancas nas primeiras posições livres da grade."""
    ocupadas = set(Banca.objects.filter(layout=layout).values_list("x", "y"))
    proximo = (Banca.objects.filter(layout=layout).order_by("-numero").values_list("numero", flat=True).first()) or 0
    novas = []
    for y in range(1, layout.linhas + 1):
        for x in range(1, layout.colunas + 1):
            if len(novas) >= quantidade:
                break
            if (x, y) in ocupadas:
                continue
            proximo += 1
            novas.append(Banca(layout=layout, numero=proximo, x=x, y=y, categoria=categoria, tamanho=tamanho))
    if len(novas) < quantidade:
        raise ValidationError(
            _("A grade não tem lugar para %(n)d bancas; aumente linhas ou colunas.") % {"n": quantidade}
        )
    Banca.objects.bulk_create(novas)
    return novas


@transaction.atomic
def categoria_salvar(
    *,
    feira,
    por,
    categoria,
    cota,
    taxa=0,
    isenta=True,
    motivo_isencao="",
    requisitos_perfil=(),
    qualificacoes_exigidas=(),
    instancia=None,
):
    _exigir_edicao(feira, por)
    validos = {c for c, _r in CAMPOS_PERFIL}
    if set(requisitos_perfil) - validos:
        raise ValidationError({"requisitos_perfil": _("Campo de perfil desconhecido.")})
    if set(qualificacoes_exigidas) - set(TipoQualificacao.values):
        raise ValidationError({"qualificacoes_exigidas": _("Tipo de qualificação desconhecido.")})
    if not isenta and not taxa:
        raise ValidationError({"taxa": _("Informe a taxa ou marque a categoria como isenta.")})
    obj = instancia or CategoriaFeira(feira=feira)
    if instancia is None and CategoriaFeira.objects.filter(feira=feira, categoria=categoria).exists():
        raise ValidationError({"categoria": _("Esta categoria já existe nesta feira.")})
    if instancia is not None and cota < instancia.aprovadas:
        raise ValidationError({"cota": _("Já há %(n)d bancas dadas nesta categoria.") % {"n": instancia.aprovadas}})
    obj.categoria = categoria
    obj.cota = cota
    obj.taxa = taxa or 0
    obj.isenta = isenta
    obj.motivo_isencao = motivo_isencao
    obj.requisitos_perfil = list(requisitos_perfil)
    obj.qualificacoes_exigidas = list(qualificacoes_exigidas)
    obj.save()
    return obj


# ---------------------------------------------------------------- elegibilidade e inscrição


@dataclasses.dataclass(frozen=True)
class Impedimento:
    """Por que a pessoa não pode se inscrever, e o que fazer."""

    texto: str
    o_que_fazer: str = ""
    link: str = ""
    cursos: tuple = ()


def cursos_que_concedem(tipo, *, dias=180, limite=3):
    agora = timezone.now()
    eventos = eventos_agenda(inicio=agora, fim=agora + datetime.timedelta(days=dias))
    return tuple(e for e in eventos if tipo in (e.concede or ()))[:limite]


def elegibilidade_verificar(*, feira, categoria, empreendedor, agora=None):
    """Lista de impedimentos (vazia = pode se inscrever), em português claro."""
    agora = agora or timezone.now()
    impedimentos = []
    if feira.status == StatusFeira.CANCELADA:
        return [Impedimento(_("Esta feira foi cancelada."), _("Procure outra feira na lista de feiras."))]
    if agora < feira.inscricoes_abrem:
        impedimentos.append(
            Impedimento(
                _("As inscrições ainda não abriram."),
                _("Volte a partir de %(data)s.")
                % {"data": formats.date_format(timezone.localtime(feira.inscricoes_abrem), "d/m/Y H:i")},
            )
        )
    elif agora >= feira.inscricoes_fecham:
        impedimentos.append(
            Impedimento(_("As inscrições desta feira já fecharam."), _("Procure a próxima edição na lista de feiras."))
        )
    if categoria is None or categoria.feira_id != feira.pk:
        impedimentos.append(Impedimento(_("Escolha uma das categorias desta feira.")))
        return impedimentos
    rotulos_perfil = dict(CAMPOS_PERFIL)
    faltando = [
        str(rotulos_perfil[campo])
        for campo in categoria.requisitos_perfil
        if not getattr(empreendedor, campo if campo != "territorio" else "territorio_id", None)
    ]
    if faltando:
        impedimentos.append(
            Impedimento(
                _("Seu cadastro está sem: %(campos)s.") % {"campos": ", ".join(faltando)},
                _("Complete seu perfil em Minha conta e tente de novo."),
                link="/minha-conta/perfil/",
            )
        )
    if categoria.qualificacoes_exigidas:
        vigentes = set(Qualificacao.objects.vigentes().filter(empreendedor=empreendedor).values_list("tipo", flat=True))
        rotulos = dict(TipoQualificacao.choices)
        for tipo in categoria.qualificacoes_exigidas:
            if tipo in vigentes:
                continue
            cursos = cursos_que_concedem(tipo)
            if cursos:
                proximo = cursos[0]
                fazer = _("Faça o curso “%(curso)s”: a próxima turma começa em %(data)s, em %(lugar)s.") % {
                    "curso": proximo.titulo,
                    "data": formats.date_format(timezone.localtime(proximo.inicio), "d/m/Y"),
                    "lugar": proximo.ponto_nome or _("local a confirmar"),
                }
            else:
                fazer = _(
                    "Faça um curso de %(qualificacao)s. Ainda não há turma marcada na agenda; "
                    "se já tem o certificado, leve-o a um Ponto para a equipe registrar."
                ) % {"qualificacao": rotulos.get(tipo, tipo)}
            impedimentos.append(
                Impedimento(
                    _("A categoria %(categoria)s exige a qualificação “%(qualificacao)s”, e você ainda não a tem.")
                    % {"categoria": categoria.get_categoria_display(), "qualificacao": rotulos.get(tipo, tipo)},
                    fazer,
                    link=cursos[0].url if cursos else "",
                    cursos=cursos,
                )
            )
    return impedimentos


class Inelegivel(ValidationError):
    def __init__(self, impedimentos):
        self.impedimentos = impedimentos
        super().__init__([i.texto for i in impedimentos], code="inelegivel")


def inscricao_criar(*, feira, empreendedor, categoria, produtos):
    """Inscreve a pessoa; a restrição única do banco barra a segunda inscrição, mesmo em corrida."""
    impedimentos = elegibilidade_verificar(feira=feira, categoria=categoria, empreendedor=empreendedor)
    if impedimentos:
        raise Inelegivel(impedimentos)
    produtos = (produtos or "").strip()
    if not produtos:
        raise ValidationError({"produtos": _("Conte quais produtos vai levar.")})
    # Um INSERT só: fora de transação já é atômico (sem BEGIN/COMMIT na rajada da abertura);
    # dentro da transação de quem chama, um savepoint deixa tratar a duplicada sem estragá-la.
    conexao = transaction.get_connection()
    try:
        with transaction.atomic() if conexao.in_atomic_block else contextlib.nullcontext():
            inscricao = Inscricao.objects.create(
                feira=feira, empreendedor=empreendedor, categoria=categoria, produtos=produtos[:1000]
            )
    except IntegrityError as erro:
        raise ValidationError(
            _("Você já tem uma inscrição nesta feira. Acompanhe-a em Minhas feiras."), code="duplicada"
        ) from erro
    # O aviso de recebimento sai em lote, pela varredura do beat (chegam milhares quando a chamada abre).
    varredura_adiantar("feiras.avisar_recebidas")
    return inscricao


def _avisar(inscricao, tipo, versao=""):
    tarefa_enfileirar("feiras.notificar", inscricao_id=inscricao.pk, tipo=tipo, versao=versao)


# ---------------------------------------------------------------- banca: dar e liberar


def _banca_livre(feira, categoria):
    layout = LayoutBancas.objects.filter(ponto_id=feira.ponto_id).first()
    if layout is None:
        return None
    ocupadas = Alocacao.objects.filter(feira=feira).values("banca_id")
    livres = Banca.objects.filter(layout=layout, ativa=True).exclude(pk__in=ocupadas)
    return (
        livres.filter(categoria=categoria.categoria).order_by("numero").first()
        or livres.filter(categoria="").order_by("numero").first()
    )


def _dar_banca(inscricao, feira):
    """Dá uma banca à inscrição, com a feira já travada. Devolve a Alocacao ou ``None`` se não houver."""
    categoria = CategoriaFeira.objects.select_for_update().get(pk=inscricao.categoria_id)
    if categoria.aprovadas >= categoria.cota:
        return None
    banca = _banca_livre(feira, categoria)
    if banca is None:
        return None
    alocacao = Alocacao.objects.create(
        feira=feira, inscricao=inscricao, empreendedor_id=inscricao.empreendedor_id, banca=banca
    )
    CategoriaFeira.objects.filter(pk=categoria.pk).update(aprovadas=F("aprovadas") + 1)
    return alocacao


def _liberar_banca(inscricao):
    apagadas, _detalhe = Alocacao.objects.filter(inscricao=inscricao).delete()
    if apagadas:
        CategoriaFeira.objects.filter(pk=inscricao.categoria_id).update(aprovadas=F("aprovadas") - 1)
    return bool(apagadas)


def _travar(inscricao):
    Feira.objects.select_for_update().get(pk=inscricao.feira_id)
    return Inscricao.objects.select_for_update().select_related("feira", "categoria").get(pk=inscricao.pk)


@transaction.atomic
def inscricao_aprovar(*, inscricao, por):
    """Aprova e dá banca; sem banca livre ou com a cota cheia, recusa com ``ValidationError``."""
    _exigir_edicao(inscricao.feira, por)
    inscricao = _travar(inscricao)
    if inscricao.status == StatusInscricao.APROVADA:
        return inscricao
    if inscricao.status not in {StatusInscricao.RECEBIDA, StatusInscricao.ESPERA}:
        raise ValidationError(_("Só inscrições recebidas ou em espera podem ser aprovadas."))
    if _dar_banca(inscricao, inscricao.feira) is None:
        raise ValidationError(
            _("Não há banca livre nesta categoria (cota cheia ou bancas ocupadas)."), code="sem_banca"
        )
    inscricao.status = StatusInscricao.APROVADA
    inscricao.posicao_espera = None
    inscricao.motivo = ""
    inscricao.save(update_fields=["status", "posicao_espera", "motivo"])
    _avisar(inscricao, "aprovada")
    return inscricao


@transaction.atomic
def inscricao_espera(*, inscricao, por, motivo=""):
    _exigir_edicao(inscricao.feira, por)
    inscricao = _travar(inscricao)
    if inscricao.status not in {StatusInscricao.RECEBIDA, StatusInscricao.APROVADA}:
        raise ValidationError(_("Só inscrições recebidas ou aprovadas vão para a espera."))
    liberou = _liberar_banca(inscricao)
    ultima = (
        Inscricao.objects.filter(feira_id=inscricao.feira_id, categoria_id=inscricao.categoria_id, status="espera")
        .order_by("-posicao_espera")
        .values_list("posicao_espera", flat=True)
        .first()
    )
    inscricao.status = StatusInscricao.ESPERA
    inscricao.posicao_espera = (ultima or 0) + 1
    inscricao.motivo = motivo[:300]
    inscricao.save(update_fields=["status", "posicao_espera", "motivo"])
    _avisar(inscricao, "espera")
    if liberou:
        _promover(inscricao.feira, inscricao.categoria, excluir=inscricao.pk)
    return inscricao


@transaction.atomic
def inscricao_recusar(*, inscricao, por, motivo):
    _exigir_edicao(inscricao.feira, por)
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": _("Escreva o motivo da recusa: a pessoa vai lê-lo.")})
    inscricao = _travar(inscricao)
    if inscricao.status in {StatusInscricao.PRESENTE, StatusInscricao.AUSENTE, StatusInscricao.CANCELADA}:
        raise ValidationError(_("Esta inscrição já foi encerrada."))
    liberou = _liberar_banca(inscricao)
    inscricao.status = StatusInscricao.RECUSADA
    inscricao.posicao_espera = None
    inscricao.motivo = motivo[:300]
    inscricao.save(update_fields=["status", "posicao_espera", "motivo"])
    _avisar(inscricao, "recusada")
    if liberou:
        _promover(inscricao.feira, inscricao.categoria)
    return inscricao


ACOES_LOTE = {"aprovar", "espera", "recusar"}


def inscricoes_em_lote(*, acao, inscricoes, por, motivo=""):
    """Aplica a ação a cada inscrição (cada uma na sua transação); devolve (feitas, falhas)."""
    if acao not in ACOES_LOTE:
        raise ValidationError(_("Ação desconhecida."))
    if acao == "recusar" and not (motivo or "").strip():
        raise ValidationError({"motivo": _("Escreva o motivo da recusa: a pessoa vai lê-lo.")})
    feitas, falhas = 0, []
    for inscricao in inscricoes:
        try:
            if acao == "aprovar":
                inscricao_aprovar(inscricao=inscricao, por=por)
            elif acao == "espera":
                inscricao_espera(inscricao=inscricao, por=por, motivo=motivo)
            else:
                inscricao_recusar(inscricao=inscricao, por=por, motivo=motivo)
            feitas += 1
        except ValidationError as erro:
            falhas.append((inscricao, " ".join(erro.messages)))
    return feitas, falhas


def _promover(feira, categoria, excluir=None):
    """Dá a banca liberada à próxima da espera da categoria; avisa a pessoa promovida."""
    feira = Feira.objects.select_for_update().get(pk=feira.pk)
    if feira.status == StatusFeira.CANCELADA:
        return None
    candidatas = (
        Inscricao.objects.select_for_update()
        .filter(feira=feira, categoria=categoria, status=StatusInscricao.ESPERA)
        .order_by(F("posicao_espera").asc(nulls_last=True), "pk")
    )
    if excluir:
        candidatas = candidatas.exclude(pk=excluir)
    proxima = candidatas.first()
    if proxima is None or _dar_banca(proxima, feira) is None:
        return None
    proxima.status = StatusInscricao.APROVADA
    proxima.posicao_espera = None
    proxima.save(update_fields=["status", "posicao_espera"])
    _avisar(proxima, "promovida")
    return proxima


@transaction.atomic
def espera_promover(*, feira, categoria, por=None):
    if por is not None:
        _exigir_edicao(feira, por)
    return _promover(feira, categoria)


@transaction.atomic
def inscricao_cancelar(*, inscricao, empreendedor):
    """A própria pessoa cancela; a banca vai para a próxima da espera."""
    if inscricao.empreendedor_id != empreendedor.pk:
        raise PermissionDenied
    inscricao = _travar(inscricao)
    if not inscricao.pode_cancelar:
        raise ValidationError(_("Esta inscrição não pode mais ser cancelada."))
    agora = timezone.now()
    liberou = _liberar_banca(inscricao)
    inscricao.status = StatusInscricao.CANCELADA
    inscricao.cancelada_em = agora
    inscricao.cancelamento_tardio = agora > inscricao.feira.prazo_cancelamento
    inscricao.posicao_espera = None
    inscricao.save(update_fields=["status", "cancelada_em", "cancelamento_tardio", "posicao_espera"])
    if liberou:
        _promover(inscricao.feira, inscricao.categoria)
    return inscricao


@transaction.atomic
def inscricao_confirmar_presenca(*, inscricao, empreendedor):
    if inscricao.empreendedor_id != empreendedor.pk:
        raise PermissionDenied
    if inscricao.status != StatusInscricao.APROVADA:
        raise ValidationError(_("Só quem tem banca aprovada confirma presença."))
    if inscricao.presenca_confirmada_em is None:
        inscricao.presenca_confirmada_em = timezone.now()
        inscricao.save(update_fields=["presenca_confirmada_em"])
    return inscricao


# ---------------------------------------------------------------- dia da feira


@transaction.atomic
def checkin_registrar(*, inscricao, por):
    _exigir_edicao(inscricao.feira, por)
    inscricao = _travar(inscricao)
    if inscricao.status not in {StatusInscricao.APROVADA, StatusInscricao.AUSENTE, StatusInscricao.PRESENTE}:
        raise ValidationError(_("Só quem tem banca nesta feira pode fazer check-in."))
    if inscricao.status == StatusInscricao.AUSENTE and not hasattr(inscricao, "alocacao"):
        raise ValidationError(_("A banca desta pessoa já foi dada a outra; procure uma banca livre com a equipe."))
    inscricao.status = StatusInscricao.PRESENTE
    inscricao.checkin_em = inscricao.checkin_em or timezone.now()
    inscricao.save(update_fields=["status", "checkin_em"])
    return inscricao


@transaction.atomic
def ausencia_registrar(*, inscricao, por):
    _exigir_edicao(inscricao.feira, por)
    inscricao = _travar(inscricao)
    if inscricao.status not in {StatusInscricao.APROVADA, StatusInscricao.PRESENTE}:
        raise ValidationError(_("Só quem tem banca nesta feira pode ser marcado(a) ausente."))
    inscricao.status = StatusInscricao.AUSENTE
    inscricao.checkin_em = None
    inscricao.save(update_fields=["status", "checkin_em"])
    return inscricao


@transaction.atomic
def ausente_substituir(*, inscricao, por):
    """No dia: a banca de quem faltou vai para a próxima da espera, que já chega presente."""
    _exigir_edicao(inscricao.feira, por)
    inscricao = _travar(inscricao)
    if inscricao.status != StatusInscricao.AUSENTE:
        raise ValidationError(_("Marque a ausência antes de substituir."))
    if not _liberar_banca(inscricao):
        raise ValidationError(_("A banca desta pessoa já foi repassada."))
    promovida = _promover(inscricao.feira, inscricao.categoria)
    if promovida is None:
        raise ValidationError(_("Não há ninguém na lista de espera desta categoria."))
    return promovida


# ---------------------------------------------------------------- pontuação e sorteio


def chave_sorteio(semente, inscricao_id):
    return hashlib.sha256(f"{semente}:{inscricao_id}".encode()).hexdigest()


@dataclasses.dataclass(slots=True)
class Candidata:
    """Inscrição em disputa, sem o peso de um objeto do ORM (a alocação lida com milhares)."""

    pk: int
    categoria_id: int
    empreendedor_id: int
    cadunico: bool
    territorio_id: int | None
    status: str = StatusInscricao.RECEBIDA
    posicao_espera: int | None = None
    pontuacao: int | None = None
    pontuacao_detalhe: dict | None = None

    @classmethod
    def de(cls, inscricao):
        pessoa = inscricao.empreendedor
        return cls(inscricao.pk, inscricao.categoria_id, pessoa.pk, pessoa.cadunico, pessoa.territorio_id)


def pontuacoes_calcular(*, feira, inscricoes):
    """Pontuação de cada ``Candidata``, em poucas consultas agregadas (não cresce com as linhas)."""
    pessoas = Inscricao.objects.filter(feira=feira).values("empreendedor_id")
    hoje = feira.data
    qualificacoes = dict(
        Qualificacao.objects.vigentes(em=hoje)
        .filter(empreendedor_id__in=pessoas)
        .values("empreendedor_id")
        .annotate(n=Count("tipo", distinct=True))
        .values_list("empreendedor_id", "n")
    )
    bancas_recentes = dict(
        Alocacao.objects.filter(
            empreendedor_id__in=pessoas,
            feira__data__gte=hoje - datetime.timedelta(days=90),
            feira__data__lt=hoje,
        )
        .values("empreendedor_id")
        .annotate(n=Count("pk"))
        .values_list("empreendedor_id", "n")
    )
    ausencias = dict(
        Inscricao.objects.filter(
            empreendedor_id__in=pessoas,
            status=StatusInscricao.AUSENTE,
            feira__data__gte=hoje - datetime.timedelta(days=365),
            feira__data__lt=hoje,
        )
        .values("empreendedor_id")
        .annotate(n=Count("pk"))
        .values_list("empreendedor_id", "n")
    )
    territorio_feira = feira.ponto.territorio_id
    resultado = {}
    for inscricao in inscricoes:
        pessoa = inscricao.empreendedor_id
        detalhe = {
            "cadunico": feira.peso_cadunico if inscricao.cadunico else 0,
            "territorio": feira.peso_territorio if inscricao.territorio_id == territorio_feira else 0,
            "qualificacao": feira.peso_qualificacao * min(qualificacoes.get(pessoa, 0), 3),
            "rodizio": feira.peso_rodizio * max(0, 3 - bancas_recentes.get(pessoa, 0)),
            "ausencia": -feira.peso_ausencia * ausencias.get(pessoa, 0),
        }
        resultado[inscricao.pk] = (sum(detalhe.values()), detalhe)
    return resultado


def ordem_sorteio(semente, itens):
    """Ordena ``[(id, pontuacao)]``: pontuação decrescente, empate pela chave SHA-256 crescente."""
    return sorted(itens, key=lambda item: (-item[1], chave_sorteio(semente, item[0])))


def _inscricoes_atualizar_em_massa(inscricoes):
    """Grava situação, posição e pontuação de milhares de inscrições numa única instrução (PostgreSQL).

    O ``bulk_update`` do Django gera um ``CASE`` por linha, que fica quadrático com 10 mil inscritos;
    no PostgreSQL usamos ``UPDATE … FROM unnest(...)``. Noutros bancos, o ``bulk_update`` comum.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        Inscricao.objects.bulk_update(
            [
                Inscricao(
                    pk=i.pk,
                    status=i.status,
                    posicao_espera=i.posicao_espera,
                    pontuacao=i.pontuacao,
                    pontuacao_detalhe=i.pontuacao_detalhe,
                )
                for i in inscricoes
            ],
            ["status", "posicao_espera", "pontuacao", "pontuacao_detalhe"],
            batch_size=500,
        )
        return
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS feiras_alocacao_tmp "
            "(id bigint, status text, posicao integer, pontuacao integer, detalhe jsonb) ON COMMIT DELETE ROWS"
        )
        with cursor.copy("COPY feiras_alocacao_tmp (id, status, posicao, pontuacao, detalhe) FROM STDIN") as copia:
            for i in inscricoes:
                copia.write_row((i.pk, i.status, i.posicao_espera, i.pontuacao, json.dumps(i.pontuacao_detalhe)))
        cursor.execute(
            "UPDATE feiras_inscricao AS i SET status = v.status, posicao_espera = v.posicao, "
            "pontuacao = v.pontuacao, pontuacao_detalhe = v.detalhe "
            "FROM feiras_alocacao_tmp AS v WHERE i.id = v.id"
        )
        cursor.execute("DELETE FROM feiras_alocacao_tmp")


@transaction.atomic
def alocacao_executar(*, feira, por=None, semente=None):
    """Pontua, sorteia e distribui as bancas da edição. Idempotente: uma vez feita, devolve o sorteio."""
    _exigir_edicao(feira, por)
    feira = Feira.objects.select_for_update().select_related("ponto").get(pk=feira.pk)
    existente = Sorteio.objects.filter(feira=feira).first()
    if existente is not None:
        return existente
    if feira.status == StatusFeira.CANCELADA:
        raise ValidationError(_("Esta edição foi cancelada."))
    semente = semente or secrets.token_hex(16)
    candidatas = [
        Candidata(*linha)
        for linha in Inscricao.objects.filter(
            feira=feira, status__in=[StatusInscricao.RECEBIDA, StatusInscricao.ESPERA]
        ).values_list("pk", "categoria_id", "empreendedor_id", "empreendedor__cadunico", "empreendedor__territorio_id")
    ]
    pontos = pontuacoes_calcular(feira=feira, inscricoes=candidatas)
    categorias = {c.pk: c for c in CategoriaFeira.objects.select_for_update().filter(feira=feira)}
    layout = LayoutBancas.objects.filter(ponto_id=feira.ponto_id).first()
    ocupadas = set(Alocacao.objects.filter(feira=feira).values_list("banca_id", flat=True))
    livres = (
        [
            b
            for b in Banca.objects.filter(layout=layout, ativa=True).order_by("numero").only("pk", "categoria")
            if b.pk not in ocupadas
        ]
        if layout
        else []
    )
    por_categoria = {}
    for inscricao in candidatas:
        por_categoria.setdefault(inscricao.categoria_id, []).append(inscricao)
    novas_alocacoes, ordem_publica, atualizadas = [], [], []
    usadas = set()
    for categoria_id in sorted(por_categoria, key=lambda c: categorias[c].categoria):
        categoria = categorias[categoria_id]
        lista = por_categoria[categoria_id]
        indice = {i.pk: i for i in lista}
        ordenadas = ordem_sorteio(semente, [(i.pk, pontos[i.pk][0]) for i in lista])
        vagas = categoria.cota - categoria.aprovadas
        proprias = [b for b in livres if b.categoria == categoria.categoria and b.pk not in usadas]
        gerais = [b for b in livres if b.categoria == "" and b.pk not in usadas]
        disponiveis = iter(proprias + gerais)
        posicao = 0
        dadas = 0
        for inscricao_id, pontuacao in ordenadas:
            inscricao = indice[inscricao_id]
            inscricao.pontuacao, inscricao.pontuacao_detalhe = pontos[inscricao_id]
            banca = next(disponiveis, None) if dadas < vagas else None
            if banca is not None:
                usadas.add(banca.pk)
                dadas += 1
                inscricao.status = StatusInscricao.APROVADA
                inscricao.posicao_espera = None
                novas_alocacoes.append(
                    Alocacao(
                        feira_id=feira.pk,
                        inscricao_id=inscricao.pk,
                        empreendedor_id=inscricao.empreendedor_id,
                        banca_id=banca.pk,
                    )
                )
                resultado = "banca"
            else:
                posicao += 1
                inscricao.status = StatusInscricao.ESPERA
                inscricao.posicao_espera = posicao
                resultado = "espera"
            atualizadas.append(inscricao)
            ordem_publica.append(
                {
                    "id": inscricao_id,
                    "categoria": categoria.categoria,
                    "pontuacao": pontuacao,
                    "resultado": resultado,
                    "posicao_espera": inscricao.posicao_espera,
                }
            )
        if dadas:
            CategoriaFeira.objects.filter(pk=categoria.pk).update(aprovadas=F("aprovadas") + dadas)
    _inscricoes_atualizar_em_massa(atualizadas)
    Alocacao.objects.bulk_create(novas_alocacoes, batch_size=2000)
    sorteio = Sorteio.objects.create(feira=feira, semente=semente, ordem=ordem_publica)
    feira.alocada_em = timezone.now()
    feira.save(update_fields=["alocada_em"])
    tarefa_enfileirar("feiras.notificar_resultado", feira_id=feira.pk)
    return sorteio


# ---------------------------------------------------------------- vendas


@transaction.atomic
def relato_salvar(
    *, inscricao, empreendedor, valor_bruto, dinheiro=False, pix=False, cartao=False, outros=False, notas=""
):
    if inscricao.empreendedor_id != empreendedor.pk:
        raise PermissionDenied
    if inscricao.status not in {StatusInscricao.PRESENTE, StatusInscricao.APROVADA}:
        raise ValidationError(_("Só quem teve banca nesta feira relata vendas."))
    if timezone.localdate() < inscricao.feira.data:
        raise ValidationError(_("O relato de vendas abre no dia da feira."))
    if valor_bruto is None or valor_bruto < 0:
        raise ValidationError({"valor_bruto": _("Informe um valor de zero para cima.")})
    relato = RelatoVendas.objects.select_for_update().filter(inscricao=inscricao).first()
    if relato is not None and not relato.editavel:
        raise ValidationError(_("O prazo para alterar este relato terminou."))
    relato = relato or RelatoVendas(inscricao=inscricao)
    relato.valor_bruto = valor_bruto
    relato.dinheiro, relato.pix, relato.cartao, relato.outros = dinheiro, pix, cartao, outros
    relato.notas = (notas or "")[:500]
    relato.save()
    return relato
