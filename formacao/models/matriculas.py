"""Matrículas, presenças e certificados."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from formacao.models.cursos import Encontro, Turma
from pontos.escopo import EscopoQuerySet


class SituacaoMatricula(models.TextChoices):
    CONFIRMADA = "confirmada", _("Confirmada")
    ESPERA = "espera", _("Lista de espera")
    CANCELADA = "cancelada", _("Cancelada")
    CONCLUIDA = "concluida", _("Concluída")
    NAO_CONCLUIDA = "nao_concluida", _("Não concluída (frequência insuficiente)")


class MatriculaQuerySet(EscopoQuerySet):
    caminho_secretaria = "turma__secretaria"
    caminho_ponto = "turma__ponto"

    def de(self, empreendedor):
        return self.filter(empreendedor=empreendedor)

    def na_espera(self):
        return self.filter(situacao=SituacaoMatricula.ESPERA).order_by("criada_em", "pk")


class Matricula(models.Model):
    turma = models.ForeignKey(Turma, on_delete=models.PROTECT, related_name="matriculas", verbose_name=_("turma"))
    empreendedor = models.ForeignKey(
        "pontos.Empreendedor", on_delete=models.PROTECT, related_name="matriculas", verbose_name=_("empreendedor(a)")
    )
    situacao = models.CharField(_("situação"), max_length=15, choices=SituacaoMatricula.choices)
    criada_em = models.DateTimeField(_("criada em"), default=timezone.now)
    promovida_em = models.DateTimeField(_("saiu da espera em"), null=True, blank=True)
    cancelada_em = models.DateTimeField(_("cancelada em"), null=True, blank=True)
    concluida_em = models.DateTimeField(_("encerrada em"), null=True, blank=True)
    frequencia = models.PositiveSmallIntegerField(_("frequência (%)"), null=True, blank=True)

    objects = MatriculaQuerySet.as_manager()

    class Meta:
        verbose_name = _("matrícula")
        verbose_name_plural = _("matrículas")
        ordering = ["criada_em", "pk"]
        indexes = [
            models.Index(fields=["turma", "situacao", "criada_em"], name="matricula_turma_fila"),
            models.Index(fields=["empreendedor", "situacao"], name="matricula_pessoa"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["turma", "empreendedor"],
                condition=~models.Q(situacao="cancelada"),
                name="matricula_unica_ativa_por_turma",
            ),
        ]

    def __str__(self):
        return f"{self.empreendedor} · {self.turma}"


class OrigemPresenca(models.TextChoices):
    EQUIPE = "equipe", _("Lançada pela equipe")
    CODIGO = "codigo", _("Código do encontro")


class PresencaQuerySet(EscopoQuerySet):
    caminho_secretaria = "encontro__turma__secretaria"
    caminho_ponto = "encontro__turma__ponto"


class Presenca(models.Model):
    encontro = models.ForeignKey(
        Encontro, on_delete=models.CASCADE, related_name="presencas", verbose_name=_("encontro")
    )
    matricula = models.ForeignKey(
        Matricula, on_delete=models.CASCADE, related_name="presencas", verbose_name=_("matrícula")
    )
    presente = models.BooleanField(_("presente"), default=True)
    origem = models.CharField(_("origem"), max_length=10, choices=OrigemPresenca.choices)
    registrada_em = models.DateTimeField(_("registrada em"), default=timezone.now)
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrada por"),
    )

    objects = PresencaQuerySet.as_manager()

    class Meta:
        verbose_name = _("presença")
        verbose_name_plural = _("presenças")
        constraints = [models.UniqueConstraint(fields=["encontro", "matricula"], name="presenca_unica_por_encontro")]

    def __str__(self):
        return f"{self.matricula.empreendedor} · {self.encontro}"


class CertificadoQuerySet(EscopoQuerySet):
    caminho_secretaria = "matricula__turma__secretaria"
    caminho_ponto = "matricula__turma__ponto"


class Certificado(models.Model):
    """Certificado de conclusão; os dados impressos são guardados no momento da emissão."""

    matricula = models.OneToOneField(
        Matricula, on_delete=models.PROTECT, related_name="certificado", verbose_name=_("matrícula")
    )
    codigo = models.CharField(_("código de verificação"), max_length=16, unique=True)
    nome = models.CharField(_("nome impresso"), max_length=150)
    curso_nome = models.CharField(_("curso"), max_length=160)
    carga_horaria = models.PositiveSmallIntegerField(_("carga horária (horas)"))
    ponto_nome = models.CharField(_("Ponto"), max_length=120)
    data_inicio = models.DateField(_("primeiro encontro"))
    data_fim = models.DateField(_("último encontro"))
    emitido_em = models.DateTimeField(_("emitido em"), default=timezone.now)
    valido_ate = models.DateField(_("válido até"), null=True, blank=True)
    qualificacao = models.ForeignKey(
        "pontos.Qualificacao",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("qualificação concedida"),
    )
    revogado_em = models.DateTimeField(_("revogado em"), null=True, blank=True)
    motivo_revogacao = models.CharField(_("motivo da revogação"), max_length=300, blank=True)
    revogado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revogado por"),
    )

    objects = CertificadoQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificado")
        verbose_name_plural = _("certificados")
        ordering = ["-emitido_em"]
        indexes = [models.Index(fields=["emitido_em"], name="certificado_emitido")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revogado_em__isnull=True) | ~models.Q(motivo_revogacao=""),
                name="certificado_revogacao_com_motivo",
            )
        ]

    def __str__(self):
        return f"{self.curso_nome} — {self.nome} ({self.codigo_exibicao})"

    @property
    def codigo_exibicao(self):
        return "-".join(self.codigo[i : i + 4] for i in range(0, len(self.codigo), 4))

    @property
    def referencia(self):
        return f"formacao.certificado:{self.pk}"

    @property
    def situacao(self):
        if self.revogado_em:
            return "revogado"
        if self.valido_ate and self.valido_ate < timezone.localdate():
            return "expirado"
        return "valido"

    @property
    def nome_mascarado(self):
        partes = self.nome.split()
        if not partes:
            return ""
        return " ".join([partes[0], *(p[0] + "." for p in partes[1:])])
