"""Cursos do catálogo, turmas nos Pontos e seus encontros."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pontos.escopo import EscopoQuerySet
from pontos.models import TipoQualificacao


class Eixo(models.TextChoices):
    TECNICO = "tecnico", _("Técnico")
    GESTAO_FINANCAS = "gestao_financas", _("Gestão e finanças")
    FORMALIZACAO = "formalizacao", _("Formalização")
    BOAS_PRATICAS = "boas_praticas", _("Boas práticas de manipulação de alimentos")
    COMERCIALIZACAO = "comercializacao", _("Comercialização e divulgação")
    FORMACAO_ARTISTICA = "formacao_artistica", _("Formação artística")


class CursoQuerySet(EscopoQuerySet):
    def ativos(self):
        return self.filter(ativo=True)


class Curso(models.Model):
    """Curso do catálogo público; cada oferta concreta é uma ``Turma`` num Ponto."""

    nome = models.CharField(_("nome"), max_length=160)
    slug = models.SlugField(_("identificador"), max_length=180, unique=True)
    eixo = models.CharField(_("eixo"), max_length=30, choices=Eixo.choices)
    secretaria = models.ForeignKey(
        "pontos.Secretaria", on_delete=models.PROTECT, related_name="cursos", verbose_name=_("secretaria responsável")
    )
    resumo = models.CharField(_("resumo"), max_length=300, blank=True)
    ementa = models.TextField(_("ementa"))
    carga_horaria = models.PositiveSmallIntegerField(
        _("carga horária (horas)"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    frequencia_minima = models.PositiveSmallIntegerField(
        _("frequência mínima (%)"), default=75, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    validade_meses = models.PositiveSmallIntegerField(
        _("validade do certificado (meses)"),
        null=True,
        blank=True,
        help_text=_("Vazio: o certificado não expira."),
    )
    concede = models.CharField(
        _("qualificação que concede"),
        max_length=40,
        choices=TipoQualificacao.choices,
        blank=True,
        help_text=_(
            "Tipo de qualificação registrada para quem conclui (ex.: Boas Práticas, exigida nas bancas de alimentos)."
        ),
    )
    ativo = models.BooleanField(_("no catálogo"), default=True)

    objects = CursoQuerySet.as_manager()

    class Meta:
        verbose_name = _("curso")
        verbose_name_plural = _("cursos")
        ordering = ["nome"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frequencia_minima__gte=1, frequencia_minima__lte=100),
                name="curso_frequencia_minima_faixa",
            ),
            models.CheckConstraint(condition=models.Q(carga_horaria__gte=1), name="curso_carga_horaria_positiva"),
        ]

    def __str__(self):
        return self.nome

    def get_absolute_url(self):
        return reverse("formacao:curso_detalhe", kwargs={"slug": self.slug})


class SituacaoTurma(models.TextChoices):
    ABERTA = "aberta", _("Inscrições abertas")
    ENCERRADA = "encerrada", _("Encerrada")
    CANCELADA = "cancelada", _("Cancelada")


class TurmaQuerySet(EscopoQuerySet):
    caminho_ponto = "ponto"

    def abertas(self):
        return self.filter(situacao=SituacaoTurma.ABERTA)


class Turma(models.Model):
    """Uma oferta de um curso num Ponto, organizada por uma secretaria (SMDET, ou SMC nas oficinas)."""

    curso = models.ForeignKey(Curso, on_delete=models.PROTECT, related_name="turmas", verbose_name=_("curso"))
    ponto = models.ForeignKey("pontos.Ponto", on_delete=models.PROTECT, related_name="turmas", verbose_name=_("Ponto"))
    espaco = models.ForeignKey(
        "pontos.Espaco",
        on_delete=models.PROTECT,
        related_name="turmas",
        verbose_name=_("espaço dos encontros"),
        help_text=_("Espaço do Ponto reservado para cada encontro."),
    )
    secretaria = models.ForeignKey(
        "pontos.Secretaria", on_delete=models.PROTECT, related_name="turmas", verbose_name=_("secretaria organizadora")
    )
    nome = models.CharField(_("identificação da turma"), max_length=120, blank=True, help_text=_("Ex.: Turma de março"))
    instrutor = models.CharField(_("instrutor(a)"), max_length=150)
    instrutor_usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="turmas_instruidas",
        verbose_name=_("conta do(a) instrutor(a)"),
    )
    vagas = models.PositiveIntegerField(_("vagas"), validators=[MinValueValidator(1)])
    vagas_ocupadas = models.PositiveIntegerField(_("vagas ocupadas"), default=0, editable=False)
    situacao = models.CharField(
        _("situação"), max_length=12, choices=SituacaoTurma.choices, default=SituacaoTurma.ABERTA
    )
    criada_em = models.DateTimeField(_("criada em"), default=timezone.now)
    encerrada_em = models.DateTimeField(_("encerrada em"), null=True, blank=True)

    objects = TurmaQuerySet.as_manager()

    class Meta:
        verbose_name = _("turma")
        verbose_name_plural = _("turmas")
        ordering = ["-criada_em"]
        indexes = [
            models.Index(fields=["secretaria", "situacao"], name="turma_secretaria_situacao"),
            models.Index(fields=["curso", "situacao"], name="turma_curso_situacao"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(vagas__gte=1), name="turma_vagas_positivas"),
            models.CheckConstraint(
                condition=models.Q(vagas_ocupadas__lte=models.F("vagas")), name="turma_ocupacao_ate_vagas"
            ),
        ]

    def __str__(self):
        return f"{self.curso} — {self.nome or self.ponto}"

    def clean(self):
        if self.espaco_id and self.ponto_id and self.espaco.ponto_id != self.ponto_id:
            raise ValidationError({"espaco": _("Escolha um espaço do próprio Ponto da turma.")})
        if self.vagas is not None and self.vagas < self.vagas_ocupadas:
            raise ValidationError(
                {
                    "vagas": _("Já há %(n)s pessoas confirmadas; as vagas não podem ser menos que isso.")
                    % {"n": self.vagas_ocupadas}
                }
            )

    @property
    def vagas_restantes(self):
        return max(self.vagas - self.vagas_ocupadas, 0)

    @property
    def aceita_matricula(self):
        return self.situacao == SituacaoTurma.ABERTA

    @property
    def eh_oficina(self):
        return self.curso.eixo == Eixo.FORMACAO_ARTISTICA


class EncontroQuerySet(EscopoQuerySet):
    caminho_secretaria = "turma__secretaria"
    caminho_ponto = "turma__ponto"


class Encontro(models.Model):
    """Uma aula da turma, com a reserva do espaço e o código de presença daquele dia."""

    turma = models.ForeignKey(Turma, on_delete=models.CASCADE, related_name="encontros", verbose_name=_("turma"))
    inicio = models.DateTimeField(_("início"))
    fim = models.DateTimeField(_("fim"))
    reserva = models.OneToOneField(
        "pontos.Reserva",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reserva do espaço"),
    )
    codigo_presenca = models.CharField(_("código de presença"), max_length=8, unique=True)
    codigo_expira_em = models.DateTimeField(_("código expira em"))
    lembrete_enviado_em = models.DateTimeField(_("lembrete enviado em"), null=True, blank=True)
    presenca_lancada_em = models.DateTimeField(_("presença lançada em"), null=True, blank=True)

    objects = EncontroQuerySet.as_manager()

    class Meta:
        verbose_name = _("encontro")
        verbose_name_plural = _("encontros")
        ordering = ["inicio"]
        indexes = [models.Index(fields=["inicio"], name="encontro_inicio")]
        constraints = [
            models.CheckConstraint(condition=models.Q(fim__gt=models.F("inicio")), name="encontro_fim_depois_inicio"),
            models.UniqueConstraint(fields=["turma", "inicio"], name="encontro_unico_por_inicio"),
        ]

    def __str__(self):
        return f"{self.turma.curso} — {timezone.localtime(self.inicio):%d/%m/%Y %H:%M}"

    @property
    def codigo_valido(self):
        return timezone.now() < self.codigo_expira_em

    @property
    def horas(self):
        return (self.fim - self.inicio).total_seconds() / 3600
