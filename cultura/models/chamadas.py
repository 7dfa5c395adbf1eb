from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pontos.escopo import EscopoQuerySet


class Finalidade(models.TextChoices):
    APRESENTACOES = "apresentacoes", _("Apresentações em feiras e eventos")
    OFICINAS = "oficinas", _("Oficinas artísticas")
    ESPETACULOS = "espetaculos", _("Projetos de criação de espetáculo")


class EstadoChamada(models.TextChoices):
    RASCUNHO = "rascunho", _("Rascunho")
    PUBLICADA = "publicada", _("Inscrições abertas")
    AVALIACAO = "avaliacao", _("Em avaliação")
    RESULTADO = "resultado", _("Resultado preliminar (recursos)")
    FINAL = "final", _("Resultado final")


class ChamadaQuerySet(EscopoQuerySet):
    def publicas(self):
        return self.exclude(estado=EstadoChamada.RASCUNHO)

    def abertas(self, agora=None):
        agora = agora or timezone.now()
        return self.filter(estado=EstadoChamada.PUBLICADA, abertura__lte=agora, encerramento__gt=agora)


class Chamada(models.Model):
    """Chamada cultural (edital) publicada por uma secretaria: a raiz do inquilino."""

    secretaria = models.ForeignKey(
        "pontos.Secretaria", on_delete=models.PROTECT, related_name="chamadas_culturais", verbose_name=_("secretaria")
    )
    titulo = models.CharField(_("título"), max_length=200)
    finalidade = models.CharField(_("finalidade"), max_length=20, choices=Finalidade.choices)
    descricao = models.TextField(_("descrição"))
    elegibilidade = models.TextField(_("quem pode se inscrever"))
    abertura = models.DateTimeField(_("abertura das inscrições"))
    encerramento = models.DateTimeField(_("encerramento das inscrições"))
    prazo_recurso_dias = models.PositiveSmallIntegerField(
        _("prazo para recurso (dias)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    vagas = models.PositiveIntegerField(_("vagas"), default=1, validators=[MinValueValidator(1)])
    cache_valor = models.DecimalField(
        _("cachê por proposta selecionada (R$)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    estado = models.CharField(
        _("situação"), max_length=12, choices=EstadoChamada.choices, default=EstadoChamada.RASCUNHO
    )
    avaliadores = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="chamadas_avaliadas",
        verbose_name=_("avaliadores"),
        help_text=_("Pessoas da equipe que dão notas às propostas."),
    )
    resultado_publicado_em = models.DateTimeField(_("resultado preliminar publicado em"), null=True, blank=True)
    recurso_ate = models.DateTimeField(_("recursos até"), null=True, blank=True)
    resultado_final_em = models.DateTimeField(_("resultado final publicado em"), null=True, blank=True)
    criada_em = models.DateTimeField(_("criada em"), auto_now_add=True)

    objects = ChamadaQuerySet.as_manager()

    class Meta:
        verbose_name = _("chamada cultural")
        verbose_name_plural = _("chamadas culturais")
        ordering = ["-abertura", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(encerramento__gt=models.F("abertura")), name="chamada_encerra_depois_de_abrir"
            ),
            models.CheckConstraint(condition=models.Q(vagas__gte=1), name="chamada_vagas_positivas"),
            models.CheckConstraint(
                condition=models.Q(cache_valor__isnull=True) | models.Q(cache_valor__gte=0),
                name="chamada_cache_nao_negativo",
            ),
        ]
        indexes = [models.Index(fields=["secretaria", "estado"], name="chamada_secretaria_estado")]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        return reverse("cultura:chamada_publica", kwargs={"pk": self.pk})

    @property
    def inscricoes_abertas(self):
        agora = timezone.now()
        return self.estado == EstadoChamada.PUBLICADA and self.abertura <= agora < self.encerramento

    @property
    def recurso_aberto(self):
        return (
            self.estado == EstadoChamada.RESULTADO
            and self.recurso_ate is not None
            and timezone.now() < self.recurso_ate
        )

    @property
    def resultado_visivel(self):
        return self.estado in {EstadoChamada.RESULTADO, EstadoChamada.FINAL}


class Criterio(models.Model):
    chamada = models.ForeignKey(Chamada, on_delete=models.CASCADE, related_name="criterios", verbose_name=_("chamada"))
    nome = models.CharField(_("critério"), max_length=120)
    descricao = models.CharField(_("o que se avalia"), max_length=300, blank=True)
    peso = models.PositiveSmallIntegerField(_("peso"), default=1, validators=[MinValueValidator(1)])
    nota_maxima = models.PositiveSmallIntegerField(_("nota máxima"), default=10, validators=[MinValueValidator(1)])
    ordem = models.PositiveSmallIntegerField(_("ordem"), default=0)

    class Meta:
        verbose_name = _("critério de avaliação")
        verbose_name_plural = _("critérios de avaliação")
        ordering = ["ordem", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["chamada", "nome"], name="criterio_nome_unico_por_chamada"),
            models.CheckConstraint(condition=models.Q(peso__gte=1), name="criterio_peso_positivo"),
            models.CheckConstraint(condition=models.Q(nota_maxima__gte=1), name="criterio_nota_maxima_positiva"),
        ]

    def __str__(self):
        return f"{self.nome} (peso {self.peso})"


class DocumentoExigido(models.Model):
    chamada = models.ForeignKey(
        Chamada, on_delete=models.CASCADE, related_name="documentos_exigidos", verbose_name=_("chamada")
    )
    nome = models.CharField(_("documento"), max_length=120)
    descricao = models.CharField(_("orientação"), max_length=300, blank=True)
    obrigatorio = models.BooleanField(_("obrigatório"), default=True)
    ordem = models.PositiveSmallIntegerField(_("ordem"), default=0)

    class Meta:
        verbose_name = _("documento exigido")
        verbose_name_plural = _("documentos exigidos")
        ordering = ["ordem", "pk"]
        constraints = [models.UniqueConstraint(fields=["chamada", "nome"], name="documento_exigido_unico")]

    def __str__(self):
        return self.nome


class EstadoProposta(models.TextChoices):
    RASCUNHO = "rascunho", _("Rascunho")
    ENVIADA = "enviada", _("Enviada")
    SELECIONADA = "selecionada", _("Selecionada")
    NAO_SELECIONADA = "nao_selecionada", _("Não selecionada")


class PropostaQuerySet(EscopoQuerySet):
    caminho_secretaria = "chamada__secretaria"

    def enviadas(self):
        return self.exclude(estado=EstadoProposta.RASCUNHO)

    def da_pessoa(self, empreendedor):
        return self.filter(artista__responsavel=empreendedor)


class Proposta(models.Model):
    chamada = models.ForeignKey(Chamada, on_delete=models.PROTECT, related_name="propostas", verbose_name=_("chamada"))
    artista = models.ForeignKey(
        "cultura.Artista", on_delete=models.PROTECT, related_name="propostas", verbose_name=_("artista ou coletivo")
    )
    titulo = models.CharField(_("título da proposta"), max_length=200)
    resumo = models.TextField(_("descrição da proposta"))
    estado = models.CharField(
        _("situação"), max_length=16, choices=EstadoProposta.choices, default=EstadoProposta.RASCUNHO
    )
    nota = models.DecimalField(_("nota"), max_digits=6, decimal_places=3, null=True, blank=True)
    posicao = models.PositiveIntegerField(_("posição"), null=True, blank=True)
    criada_em = models.DateTimeField(_("criada em"), auto_now_add=True)
    atualizada_em = models.DateTimeField(_("atualizada em"), auto_now=True)
    enviada_em = models.DateTimeField(_("enviada em"), null=True, blank=True)

    objects = PropostaQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposta")
        verbose_name_plural = _("propostas")
        ordering = ["chamada", "posicao", "enviada_em", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["chamada", "artista"], name="proposta_unica_por_artista"),
            models.CheckConstraint(
                condition=models.Q(estado="rascunho") | models.Q(enviada_em__isnull=False),
                name="proposta_enviada_tem_data",
            ),
        ]
        indexes = [models.Index(fields=["chamada", "estado"], name="proposta_chamada_estado")]

    def __str__(self):
        return self.titulo

    @property
    def editavel(self):
        return self.estado == EstadoProposta.RASCUNHO and self.chamada.inscricoes_abertas


class DocumentoPropostaQuerySet(EscopoQuerySet):
    caminho_secretaria = "proposta__chamada__secretaria"


class DocumentoProposta(models.Model):
    proposta = models.ForeignKey(
        Proposta, on_delete=models.CASCADE, related_name="documentos", verbose_name=_("proposta")
    )
    exigido = models.ForeignKey(
        DocumentoExigido, on_delete=models.CASCADE, related_name="enviados", verbose_name=_("documento exigido")
    )
    arquivo = models.FileField(_("arquivo"), upload_to="cultura/propostas/%Y/%m/")
    nome_original = models.CharField(_("nome do arquivo"), max_length=200, blank=True)
    enviado_em = models.DateTimeField(_("enviado em"), auto_now=True)

    objects = DocumentoPropostaQuerySet.as_manager()

    class Meta:
        verbose_name = _("documento da proposta")
        verbose_name_plural = _("documentos da proposta")
        constraints = [models.UniqueConstraint(fields=["proposta", "exigido"], name="documento_unico_por_exigencia")]

    def __str__(self):
        return self.nome_original or self.arquivo.name


class AvaliacaoQuerySet(EscopoQuerySet):
    caminho_secretaria = "proposta__chamada__secretaria"

    def concluidas(self):
        return self.filter(concluida_em__isnull=False)


class Avaliacao(models.Model):
    """Avaliação de uma proposta por um avaliador: notas por critério, fechadas ao concluir."""

    proposta = models.ForeignKey(
        Proposta, on_delete=models.CASCADE, related_name="avaliacoes", verbose_name=_("proposta")
    )
    avaliador = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="avaliacoes_culturais",
        verbose_name=_("avaliador(a)"),
    )
    concluida_em = models.DateTimeField(_("concluída em"), null=True, blank=True)

    objects = AvaliacaoQuerySet.as_manager()

    class Meta:
        verbose_name = _("avaliação")
        verbose_name_plural = _("avaliações")
        constraints = [models.UniqueConstraint(fields=["proposta", "avaliador"], name="avaliacao_unica_por_avaliador")]

    def __str__(self):
        return f"{self.proposta} — {self.avaliador}"


class NotaCriterio(models.Model):
    avaliacao = models.ForeignKey(
        Avaliacao, on_delete=models.CASCADE, related_name="notas", verbose_name=_("avaliação")
    )
    criterio = models.ForeignKey(Criterio, on_delete=models.PROTECT, related_name="notas", verbose_name=_("critério"))
    nota = models.DecimalField(_("nota"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    comentario = models.TextField(_("comentário"), blank=True)

    class Meta:
        verbose_name = _("nota por critério")
        verbose_name_plural = _("notas por critério")
        constraints = [
            models.UniqueConstraint(fields=["avaliacao", "criterio"], name="nota_unica_por_criterio"),
            models.CheckConstraint(condition=models.Q(nota__gte=0), name="nota_nao_negativa"),
        ]

    def __str__(self):
        return f"{self.criterio.nome}: {self.nota}"


class DecisaoRecurso(models.TextChoices):
    DEFERIDO = "deferido", _("Deferido")
    INDEFERIDO = "indeferido", _("Indeferido")


class RecursoQuerySet(EscopoQuerySet):
    caminho_secretaria = "proposta__chamada__secretaria"

    def pendentes(self):
        return self.filter(respondido_em__isnull=True)


class Recurso(models.Model):
    """Contestação do resultado preliminar: um por proposta, respondida pela equipe."""

    proposta = models.OneToOneField(
        Proposta, on_delete=models.CASCADE, related_name="recurso", verbose_name=_("proposta")
    )
    texto = models.TextField(_("motivo do recurso"))
    criado_em = models.DateTimeField(_("enviado em"), auto_now_add=True)
    decisao = models.CharField(_("decisão"), max_length=12, choices=DecisaoRecurso.choices, blank=True)
    resposta = models.TextField(_("resposta da equipe"), blank=True)
    nota_revista = models.DecimalField(
        _("nota revista"),
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Se o recurso for deferido, a nota que passa a valer no resultado final."),
    )
    respondido_em = models.DateTimeField(_("respondido em"), null=True, blank=True)
    respondido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("respondido por"),
    )

    objects = RecursoQuerySet.as_manager()

    class Meta:
        verbose_name = _("recurso")
        verbose_name_plural = _("recursos")
        ordering = ["criado_em"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(respondido_em__isnull=True) | ~models.Q(decisao=""),
                name="recurso_respondido_tem_decisao",
            )
        ]

    def __str__(self):
        return f"Recurso — {self.proposta}"
