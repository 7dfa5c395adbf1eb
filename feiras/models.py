"""Modelos do programa de feiras: edição, bancas, categorias, inscrições, alocação, vendas e sorteio."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pontos.escopo import EscopoQuerySet
from pontos.models import CategoriaProduto, TipoQualificacao

DIAS_EDITAR_RELATO = 7


class StatusFeira(models.TextChoices):
    AGENDADA = "agendada", _("Agendada")
    CANCELADA = "cancelada", _("Cancelada")
    REALIZADA = "realizada", _("Realizada")


class FeiraQuerySet(EscopoQuerySet):
    caminho_secretaria = "secretaria"
    caminho_ponto = "ponto"

    def publicas(self):
        return self.exclude(status=StatusFeira.CANCELADA)

    def abertas(self, agora=None):
        agora = agora or timezone.now()
        return self.filter(status=StatusFeira.AGENDADA, inscricoes_abrem__lte=agora, inscricoes_fecham__gt=agora)


class Feira(models.Model):
    """Uma edição de feira num Ponto (as recorrentes compartilham a mesma ``serie``)."""

    secretaria = models.ForeignKey(
        "pontos.Secretaria", on_delete=models.PROTECT, related_name="feiras", verbose_name=_("secretaria organizadora")
    )
    ponto = models.ForeignKey("pontos.Ponto", on_delete=models.PROTECT, related_name="feiras", verbose_name=_("Ponto"))
    espaco = models.ForeignKey(
        "pontos.Espaco", on_delete=models.PROTECT, related_name="feiras", verbose_name=_("área de feira")
    )
    reserva = models.OneToOneField(
        "pontos.Reserva",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feira",
        verbose_name=_("reserva do espaço"),
    )
    titulo = models.CharField(_("título"), max_length=160)
    tema = models.CharField(_("tema"), max_length=160, blank=True)
    descricao = models.TextField(_("descrição"), blank=True)
    data = models.DateField(_("data"))
    hora_inicio = models.TimeField(_("início"))
    hora_fim = models.TimeField(_("fim"))
    inscricoes_abrem = models.DateTimeField(_("inscrições abrem em"))
    inscricoes_fecham = models.DateTimeField(_("inscrições fecham em"))
    cancelar_ate = models.DateTimeField(
        _("cancelamento sem penalidade até"), null=True, blank=True, help_text=_("Vazio: até 24 horas antes.")
    )
    numero_to_legal = models.CharField(
        _("número do Termo de Permissão (Tô Legal)"),
        max_length=40,
        blank=True,
        help_text=_("Para feira em via pública."),
    )
    serie = models.CharField(_("série de recorrência"), max_length=32, blank=True, db_index=True)
    status = models.CharField(_("situação"), max_length=12, choices=StatusFeira.choices, default=StatusFeira.AGENDADA)
    peso_cadunico = models.PositiveSmallIntegerField(_("peso: inscrito(a) no CadÚnico"), default=30)
    peso_territorio = models.PositiveSmallIntegerField(_("peso: mora no território"), default=20)
    peso_qualificacao = models.PositiveSmallIntegerField(_("peso: cada qualificação vigente (até 3)"), default=5)
    peso_rodizio = models.PositiveSmallIntegerField(
        _("peso: rodízio (cada banca a menos que 3 nos últimos 90 dias)"), default=10
    )
    peso_ausencia = models.PositiveSmallIntegerField(_("penalidade: cada ausência sem aviso (365 dias)"), default=15)
    alocada_em = models.DateTimeField(_("alocação feita em"), null=True, blank=True)
    criada_em = models.DateTimeField(_("criada em"), auto_now_add=True)
    criada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criada por"),
    )

    objects = FeiraQuerySet.as_manager()

    class Meta:
        verbose_name = _("feira")
        verbose_name_plural = _("feiras")
        ordering = ["data", "hora_inicio"]
        indexes = [
            models.Index(fields=["secretaria", "data"], name="feira_secretaria_data"),
            models.Index(fields=["ponto", "data"], name="feira_ponto_data"),
            models.Index(fields=["status", "inscricoes_fecham"], name="feira_status_fecham"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hora_fim__gt=models.F("hora_inicio")),
                name="feira_fim_depois",
                violation_error_message=_("O fim precisa ser depois do início."),
            ),
            models.CheckConstraint(
                condition=models.Q(inscricoes_fecham__gt=models.F("inscricoes_abrem")),
                name="feira_janela_valida",
                violation_error_message=_("O fechamento das inscrições precisa ser depois da abertura."),
            ),
        ]

    def __str__(self):
        return f"{self.titulo} — {self.data:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("feiras:feira_publica", kwargs={"pk": self.pk})

    @property
    def inicio(self):
        return timezone.make_aware(datetime.datetime.combine(self.data, self.hora_inicio))

    @property
    def fim(self):
        return timezone.make_aware(datetime.datetime.combine(self.data, self.hora_fim))

    @property
    def prazo_cancelamento(self):
        return self.cancelar_ate or (self.inicio - datetime.timedelta(hours=24))

    @property
    def inscricoes_abertas(self):
        agora = timezone.now()
        return self.status == StatusFeira.AGENDADA and self.inscricoes_abrem <= agora < self.inscricoes_fecham

    @property
    def cancelada(self):
        return self.status == StatusFeira.CANCELADA

    @property
    def pesos(self):
        return {
            "cadunico": self.peso_cadunico,
            "territorio": self.peso_territorio,
            "qualificacao": self.peso_qualificacao,
            "rodizio": self.peso_rodizio,
            "ausencia": self.peso_ausencia,
        }


class LayoutQuerySet(EscopoQuerySet):
    caminho_secretaria = "secretaria"
    caminho_ponto = "ponto"


class LayoutBancas(models.Model):
    """Disposição das bancas de um Ponto numa grade, reaproveitada por todas as suas feiras."""

    ponto = models.OneToOneField(
        "pontos.Ponto", on_delete=models.CASCADE, related_name="layout_bancas", verbose_name=_("Ponto")
    )
    secretaria = models.ForeignKey(
        "pontos.Secretaria", on_delete=models.PROTECT, related_name="+", verbose_name=_("secretaria responsável")
    )
    colunas = models.PositiveSmallIntegerField(
        _("colunas da grade"), default=8, validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    linhas = models.PositiveSmallIntegerField(
        _("linhas da grade"), default=5, validators=[MinValueValidator(1), MaxValueValidator(40)]
    )

    objects = LayoutQuerySet.as_manager()

    class Meta:
        verbose_name = _("layout de bancas")
        verbose_name_plural = _("layouts de bancas")

    def __str__(self):
        return str(_("Bancas de %(ponto)s") % {"ponto": self.ponto})


class TamanhoBanca(models.TextChoices):
    P = "p", _("Pequena (2 × 2 m)")
    M = "m", _("Média (3 × 3 m)")
    G = "g", _("Grande (3 × 6 m)")


class BancaQuerySet(EscopoQuerySet):
    caminho_secretaria = "layout__secretaria"
    caminho_ponto = "layout__ponto"


class Banca(models.Model):
    layout = models.ForeignKey(LayoutBancas, on_delete=models.CASCADE, related_name="bancas", verbose_name=_("layout"))
    numero = models.PositiveSmallIntegerField(_("número"), validators=[MinValueValidator(1)])
    categoria = models.CharField(
        _("categoria"), max_length=20, choices=CategoriaProduto.choices, blank=True, help_text=_("Vazio: qualquer uma.")
    )
    tamanho = models.CharField(_("tamanho"), max_length=1, choices=TamanhoBanca.choices, default=TamanhoBanca.P)
    x = models.PositiveSmallIntegerField(_("coluna"), validators=[MinValueValidator(1), MaxValueValidator(40)])
    y = models.PositiveSmallIntegerField(_("linha"), validators=[MinValueValidator(1), MaxValueValidator(40)])
    ativa = models.BooleanField(_("ativa"), default=True)

    objects = BancaQuerySet.as_manager()

    class Meta:
        verbose_name = _("banca")
        verbose_name_plural = _("bancas")
        ordering = ["layout", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["layout", "numero"],
                name="banca_numero_unico",
                violation_error_message=_("Já existe uma banca com este número."),
            ),
            models.UniqueConstraint(
                fields=["layout", "x", "y"],
                name="banca_posicao_unica",
                violation_error_message=_("Já existe uma banca nesta posição da grade."),
            ),
        ]

    def __str__(self):
        return str(_("Banca %(n)s") % {"n": self.numero})


class CategoriaQuerySet(EscopoQuerySet):
    caminho_secretaria = "feira__secretaria"
    caminho_ponto = "feira__ponto"


CAMPOS_PERFIL = [
    ("cpf", _("CPF")),
    ("telefone", _("telefone / WhatsApp")),
    ("data_nascimento", _("data de nascimento")),
    ("territorio", _("território de residência")),
    ("endereco", _("endereço")),
    ("cnpj", _("CNPJ (MEI)")),
]


class CategoriaFeira(models.Model):
    """Categoria de banca numa edição: cota, taxa ou isenção e requisitos."""

    feira = models.ForeignKey(Feira, on_delete=models.CASCADE, related_name="categorias", verbose_name=_("feira"))
    categoria = models.CharField(_("categoria"), max_length=20, choices=CategoriaProduto.choices)
    cota = models.PositiveSmallIntegerField(_("cota de bancas"), validators=[MinValueValidator(1)])
    aprovadas = models.PositiveSmallIntegerField(_("bancas dadas"), default=0, editable=False)
    taxa = models.DecimalField(_("taxa (R$)"), max_digits=8, decimal_places=2, default=Decimal("0"))
    isenta = models.BooleanField(_("isenta de taxa"), default=True)
    motivo_isencao = models.CharField(_("motivo da isenção"), max_length=200, blank=True)
    requisitos_perfil = models.JSONField(_("campos de perfil exigidos"), default=list, blank=True)
    qualificacoes_exigidas = models.JSONField(_("qualificações exigidas"), default=list, blank=True)

    objects = CategoriaQuerySet.as_manager()

    class Meta:
        verbose_name = _("categoria da feira")
        verbose_name_plural = _("categorias da feira")
        ordering = ["feira", "categoria"]
        constraints = [
            models.UniqueConstraint(
                fields=["feira", "categoria"],
                name="categoria_unica_por_feira",
                violation_error_message=_("Esta categoria já existe nesta feira."),
            ),
            models.CheckConstraint(
                condition=models.Q(aprovadas__lte=models.F("cota")),
                name="categoria_cota_respeitada",
                violation_error_message=_("A cota não pode ser menor que as bancas já dadas."),
            ),
        ]

    def __str__(self):
        # Só o rótulo desta categoria (get_categoria_display traduz todas a cada chamada; listas longas sentem).
        try:
            return str(CategoriaProduto(self.categoria).label)
        except ValueError:
            return self.categoria

    @property
    def vagas_restantes(self):
        return max(self.cota - self.aprovadas, 0)

    def qualificacoes_rotulos(self):
        rotulos = dict(TipoQualificacao.choices)
        return [rotulos.get(t, t) for t in self.qualificacoes_exigidas]


class StatusInscricao(models.TextChoices):
    RECEBIDA = "recebida", _("Recebida")
    APROVADA = "aprovada", _("Aprovada")
    ESPERA = "espera", _("Lista de espera")
    RECUSADA = "recusada", _("Recusada")
    CANCELADA = "cancelada", _("Cancelada")
    AUSENTE = "ausente", _("Ausente")
    PRESENTE = "presente", _("Presente")


class InscricaoQuerySet(EscopoQuerySet):
    caminho_secretaria = "feira__secretaria"
    caminho_ponto = "feira__ponto"

    def da_pessoa(self, empreendedor):
        return self.filter(empreendedor=empreendedor)


class Inscricao(models.Model):
    feira = models.ForeignKey(Feira, on_delete=models.CASCADE, related_name="inscricoes", verbose_name=_("feira"))
    empreendedor = models.ForeignKey(
        "pontos.Empreendedor",
        on_delete=models.CASCADE,
        related_name="inscricoes_feira",
        verbose_name=_("empreendedor(a)"),
    )
    categoria = models.ForeignKey(
        CategoriaFeira, on_delete=models.PROTECT, related_name="inscricoes", verbose_name=_("categoria")
    )
    produtos = models.TextField(_("produtos que vai levar"), max_length=1000)
    status = models.CharField(
        _("situação"), max_length=10, choices=StatusInscricao.choices, default=StatusInscricao.RECEBIDA
    )
    motivo = models.CharField(_("motivo"), max_length=300, blank=True)
    posicao_espera = models.PositiveIntegerField(_("posição na espera"), null=True, blank=True)
    pontuacao = models.IntegerField(_("pontuação"), null=True, blank=True)
    pontuacao_detalhe = models.JSONField(_("composição da pontuação"), default=dict, blank=True)
    presenca_confirmada_em = models.DateTimeField(_("presença confirmada em"), null=True, blank=True)
    checkin_em = models.DateTimeField(_("chegada registrada em"), null=True, blank=True)
    cancelada_em = models.DateTimeField(_("cancelada em"), null=True, blank=True)
    cancelamento_tardio = models.BooleanField(_("cancelou depois do prazo"), default=False)
    criada_em = models.DateTimeField(_("recebida em"), default=timezone.now)
    # O aviso de "inscrição recebida" sai em lote (tarefa ``feiras.avisar_recebidas``): a inscrição
    # nasce pendente pelo ORM; linhas gravadas por fora dele (COPY da cidade sintética) não.
    aviso_recebida_pendente = models.BooleanField(
        _("aviso de recebimento pendente"), default=True, db_default=False, editable=False
    )

    objects = InscricaoQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscrição")
        verbose_name_plural = _("inscrições")
        ordering = ["criada_em", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["feira", "empreendedor"],
                name="inscricao_unica_por_pessoa",
                violation_error_message=_("Esta pessoa já tem uma inscrição nesta feira."),
            ),
        ]
        indexes = [
            models.Index(fields=["feira", "status", "categoria"], name="inscricao_feira_status"),
            models.Index(fields=["empreendedor", "-criada_em"], name="inscricao_pessoa_data"),
            models.Index(
                fields=["criada_em"],
                name="inscricao_aviso_pendente",
                condition=models.Q(aviso_recebida_pendente=True),
            ),
        ]

    def __str__(self):
        return f"{self.empreendedor} — {self.feira}"

    def get_absolute_url(self):
        return reverse("feiras:inscricao_detalhe", kwargs={"pk": self.pk})

    @property
    def pode_cancelar(self):
        return self.status in {StatusInscricao.RECEBIDA, StatusInscricao.APROVADA, StatusInscricao.ESPERA} and (
            timezone.now() < self.feira.inicio
        )


class AlocacaoQuerySet(EscopoQuerySet):
    caminho_secretaria = "feira__secretaria"
    caminho_ponto = "feira__ponto"


class Alocacao(models.Model):
    """A banca dada a uma inscrição aprovada. O banco garante: uma banca por edição e uma por pessoa."""

    feira = models.ForeignKey(Feira, on_delete=models.CASCADE, related_name="alocacoes", verbose_name=_("feira"))
    inscricao = models.OneToOneField(
        Inscricao, on_delete=models.CASCADE, related_name="alocacao", verbose_name=_("inscrição")
    )
    empreendedor = models.ForeignKey(
        "pontos.Empreendedor", on_delete=models.CASCADE, related_name="+", verbose_name=_("empreendedor(a)")
    )
    banca = models.ForeignKey(Banca, on_delete=models.PROTECT, related_name="alocacoes", verbose_name=_("banca"))
    criada_em = models.DateTimeField(_("alocada em"), auto_now_add=True)

    objects = AlocacaoQuerySet.as_manager()

    class Meta:
        verbose_name = _("alocação")
        verbose_name_plural = _("alocações")
        constraints = [
            models.UniqueConstraint(
                fields=["feira", "banca"],
                name="alocacao_banca_unica_por_feira",
                violation_error_message=_("Esta banca já foi dada nesta feira."),
            ),
            models.UniqueConstraint(
                fields=["feira", "empreendedor"],
                name="alocacao_pessoa_unica_por_feira",
                violation_error_message=_("Esta pessoa já tem banca nesta feira."),
            ),
        ]

    def __str__(self):
        return f"{self.banca} — {self.empreendedor}"


class RelatoQuerySet(EscopoQuerySet):
    caminho_secretaria = "inscricao__feira__secretaria"
    caminho_ponto = "inscricao__feira__ponto"


class RelatoVendas(models.Model):
    inscricao = models.OneToOneField(
        Inscricao, on_delete=models.CASCADE, related_name="relato", verbose_name=_("inscrição")
    )
    valor_bruto = models.DecimalField(
        _("quanto vendeu (R$)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    dinheiro = models.BooleanField(_("dinheiro"), default=False)
    pix = models.BooleanField(_("PIX"), default=False)
    cartao = models.BooleanField(_("cartão"), default=False)
    outros = models.BooleanField(_("outros"), default=False)
    notas = models.CharField(_("observações"), max_length=500, blank=True)
    criado_em = models.DateTimeField(_("relatado em"), auto_now_add=True)
    atualizado_em = models.DateTimeField(_("atualizado em"), auto_now=True)

    objects = RelatoQuerySet.as_manager()

    class Meta:
        verbose_name = _("relato de vendas")
        verbose_name_plural = _("relatos de vendas")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valor_bruto__gte=0),
                name="relato_valor_nao_negativo",
                violation_error_message=_("Informe um valor de zero para cima."),
            ),
        ]

    def __str__(self):
        return f"R$ {self.valor_bruto} — {self.inscricao}"

    @property
    def editavel(self):
        return timezone.now() < self.criado_em + datetime.timedelta(days=DIAS_EDITAR_RELATO)

    @property
    def formas_pagamento(self):
        """As formas de pagamento marcadas, em texto: "dinheiro, PIX"."""
        campos = ("dinheiro", "pix", "cartao", "outros")
        return ", ".join(str(self._meta.get_field(c).verbose_name) for c in campos if getattr(self, c))


class SorteioQuerySet(EscopoQuerySet):
    caminho_secretaria = "feira__secretaria"
    caminho_ponto = "feira__ponto"


class Sorteio(models.Model):
    """Desempate público: a semente é publicada e qualquer um refaz a ordem."""

    feira = models.OneToOneField(Feira, on_delete=models.CASCADE, related_name="sorteio", verbose_name=_("feira"))
    semente = models.CharField(_("semente"), max_length=64)
    ordem = models.JSONField(_("ordem resultante"), default=list)
    executado_em = models.DateTimeField(_("executado em"), auto_now_add=True)

    objects = SorteioQuerySet.as_manager()

    class Meta:
        verbose_name = _("sorteio")
        verbose_name_plural = _("sorteios")

    def __str__(self):
        return str(_("Sorteio de %(feira)s") % {"feira": self.feira})


class AvisoEnviado(models.Model):
    """Marca de idempotência das notificações: a mesma chave nunca é avisada duas vezes."""

    chave = models.CharField(_("chave"), max_length=120, unique=True)
    enviado_em = models.DateTimeField(_("enviado em"), auto_now_add=True)

    class Meta:
        verbose_name = _("aviso enviado")
        verbose_name_plural = _("avisos enviados")

    def __str__(self):
        return self.chave
