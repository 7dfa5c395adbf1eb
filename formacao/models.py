"""Modelos da formação: cursos, turmas, encontros, matrículas, presenças, certificados e a trilha MEI."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pontos.escopo import EscopoQuerySet, filtro_escopo
from pontos.models import Empreendedor, TipoQualificacao


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


class PassoFormalizacao(models.TextChoices):
    """Passos da trilha MEI, na ordem em que se fazem."""

    GOVBR = "govbr", _("Conta gov.br (nível prata ou ouro)")
    MEI = "mei", _("Inscrição MEI (CNPJ e CCMEI)")
    CCM = "ccm", _("Inscrição municipal (CCM)")
    SENHA_WEB = "senha_web", _("Senha Web da Prefeitura")
    DAS_DASN = "das_dasn", _("DAS mensal em dia e DASN anual")
    NOTA_FISCAL = "nota_fiscal", _("Emissão de nota fiscal (vendas a empresas)")
    BOAS_PRATICAS = "boas_praticas", _("Curso de Boas Práticas (alimentos)")
    LICENCA_SANITARIA = "licenca_sanitaria", _("Licença / cadastro sanitário (alimentos)")
    PERMISSAO_USO = "permissao_uso", _("Permissão de uso (Tô Legal)")


class EtapaQuerySet(EscopoQuerySet):
    """Etapas são da pessoa: a equipe vê as de quem tem matrícula nas suas turmas ou foi
    cadastrado(a) num Ponto da sua secretaria."""

    def visiveis_para(self, usuario):
        return self.filter(empreendedor__in=pessoas_visiveis_para(usuario))


def pessoas_visiveis_para(usuario):
    """Pessoas que a equipe da formação pode atender (trilha MEI): matrícula numa turma visível
    ou cadastro assistido num Ponto da secretaria."""
    base = Empreendedor.objects.visiveis_para(usuario)
    por_turma = filtro_escopo(usuario, caminho_secretaria="turma__secretaria", caminho_ponto="turma__ponto")
    por_cadastro = filtro_escopo(usuario, caminho_secretaria="ponto_cadastro__secretaria")
    if por_turma is None or por_cadastro is None:
        return base
    turmas = Matricula.objects.filter(por_turma).values("empreendedor_id")
    return base.filter(models.Q(pk__in=turmas) | por_cadastro)


def caminho_comprovante(instancia, nome):
    """Nome aleatório: o comprovante não é público e não se adivinha o endereço."""
    extensao = nome.rsplit(".", 1)[-1].lower()[:5] if "." in nome else "bin"
    return f"formacao/comprovantes/{secrets.token_urlsafe(24)}.{extensao}"


class EtapaFormalizacao(models.Model):
    empreendedor = models.ForeignKey(
        "pontos.Empreendedor",
        on_delete=models.CASCADE,
        related_name="etapas_formalizacao",
        verbose_name=_("empreendedor(a)"),
    )
    passo = models.CharField(_("passo"), max_length=20, choices=PassoFormalizacao.choices)
    feito_em = models.DateField(_("feito em"), null=True, blank=True)
    nao_se_aplica = models.BooleanField(_("não se aplica a mim"), default=False)
    dado = models.CharField(
        _("dado informado"), max_length=40, blank=True, help_text=_("Ex.: CNPJ, número do CCM, nível da conta.")
    )
    comprovante = models.FileField(_("comprovante"), upload_to=caminho_comprovante, blank=True)
    atualizado_em = models.DateTimeField(_("atualizado em"), default=timezone.now)
    confirmado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmado por"),
    )
    confirmado_em = models.DateTimeField(_("confirmado em"), null=True, blank=True)

    objects = EtapaQuerySet.as_manager()

    class Meta:
        verbose_name = _("etapa da formalização")
        verbose_name_plural = _("etapas da formalização")
        ordering = ["empreendedor", "passo"]
        constraints = [
            models.UniqueConstraint(fields=["empreendedor", "passo"], name="etapa_unica_por_pessoa"),
            models.CheckConstraint(
                condition=~(models.Q(nao_se_aplica=True) & models.Q(feito_em__isnull=False)),
                name="etapa_feita_ou_nao_aplica",
            ),
        ]
        indexes = [models.Index(fields=["passo", "feito_em"], name="etapa_passo_data")]

    def __str__(self):
        return f"{self.get_passo_display()} — {self.empreendedor}"

    @property
    def concluida(self):
        return self.feito_em is not None or self.nao_se_aplica
