from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pontos.escopo import EscopoQuerySet


class ApresentacaoQuerySet(EscopoQuerySet):
    caminho_ponto = "ponto"

    def ativas(self):
        return self.filter(cancelada=False)

    def entre(self, inicio, fim):
        return self.ativas().filter(inicio__lt=fim, fim__gt=inicio)

    def sobrepostas(self, *, artista, inicio, fim):
        return self.entre(inicio, fim).filter(artista=artista)


class Apresentacao(models.Model):
    """Uma apresentação marcada: artista num espaço de um Ponto, numa data e hora.

    O espaço é ocupado por uma ``pontos.Reserva`` (sem choque com nenhum programa) e o mesmo
    artista nunca está em dois lugares ao mesmo tempo: no PostgreSQL, restrição de exclusão
    (migração 0002); no SQLite, a verificação com trava em ``apresentacao_criar``.
    """

    secretaria = models.ForeignKey(
        "pontos.Secretaria", on_delete=models.PROTECT, related_name="apresentacoes", verbose_name=_("secretaria")
    )
    artista = models.ForeignKey(
        "cultura.Artista", on_delete=models.PROTECT, related_name="apresentacoes", verbose_name=_("artista ou coletivo")
    )
    ponto = models.ForeignKey(
        "pontos.Ponto", on_delete=models.PROTECT, related_name="apresentacoes_culturais", verbose_name=_("Ponto")
    )
    espaco = models.ForeignKey(
        "pontos.Espaco",
        on_delete=models.PROTECT,
        related_name="apresentacoes_culturais",
        verbose_name=_("palco ou sala"),
    )
    reserva = models.OneToOneField(
        "pontos.Reserva",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="apresentacao_cultural",
        verbose_name=_("reserva do espaço"),
    )
    proposta = models.ForeignKey(
        "cultura.Proposta",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="apresentacoes",
        verbose_name=_("proposta selecionada"),
    )
    titulo = models.CharField(_("título"), max_length=200)
    descricao = models.TextField(_("descrição"), blank=True)
    inicio = models.DateTimeField(_("início"))
    duracao_minutos = models.PositiveIntegerField(_("duração (minutos)"), validators=[MinValueValidator(1)])
    fim = models.DateTimeField(_("fim"), editable=False)
    publico_estimado = models.PositiveIntegerField(_("público estimado"), null=True, blank=True)
    cache = models.DecimalField(
        _("cachê pago (R$)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    cancelada = models.BooleanField(_("cancelada"), default=False)
    criada_em = models.DateTimeField(_("criada em"), auto_now_add=True)

    objects = ApresentacaoQuerySet.as_manager()

    class Meta:
        verbose_name = _("apresentação")
        verbose_name_plural = _("apresentações")
        ordering = ["inicio", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fim__gt=models.F("inicio")), name="apresentacao_fim_depois_inicio"
            ),
            models.CheckConstraint(condition=models.Q(duracao_minutos__gte=1), name="apresentacao_duracao_positiva"),
        ]
        indexes = [
            models.Index(fields=["ponto", "inicio"], name="apresentacao_ponto_inicio"),
            models.Index(fields=["artista", "inicio"], name="apresentacao_artista_inicio"),
            models.Index(fields=["secretaria", "inicio"], name="apresentacao_sec_inicio"),
        ]

    def __str__(self):
        return f"{self.titulo} — {self.artista}"

    def get_absolute_url(self):
        return reverse("cultura:apresentacao_publica", kwargs={"pk": self.pk})


class EtapaProjeto(models.TextChoices):
    PROPOSTA = "proposta", _("Proposta")
    PESQUISA = "pesquisa", _("Pesquisa")
    CRIACAO = "criacao", _("Criação")
    ENSAIOS = "ensaios", _("Ensaios")
    ESTREIA = "estreia", _("Estreia")
    CIRCULACAO = "circulacao", _("Circulação")


ORDEM_ETAPAS = list(EtapaProjeto.values)


class ProjetoQuerySet(EscopoQuerySet):
    pass


class ProjetoEspetaculo(models.Model):
    """Projeto de criação de espetáculo, apoiado por uma secretaria e acompanhado por etapas."""

    secretaria = models.ForeignKey(
        "pontos.Secretaria", on_delete=models.PROTECT, related_name="projetos_espetaculo", verbose_name=_("secretaria")
    )
    artista = models.ForeignKey(
        "cultura.Artista", on_delete=models.PROTECT, related_name="projetos", verbose_name=_("artista ou coletivo")
    )
    chamada = models.ForeignKey(
        "cultura.Chamada",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projetos",
        verbose_name=_("chamada que o selecionou"),
    )
    titulo = models.CharField(_("título do espetáculo"), max_length=200)
    sinopse = models.TextField(_("sinopse"), blank=True)
    etapa = models.CharField(_("etapa"), max_length=12, choices=EtapaProjeto.choices, default=EtapaProjeto.PROPOSTA)
    etapa_desde = models.DateField(_("nesta etapa desde"), auto_now_add=True)
    estreia = models.ForeignKey(
        Apresentacao,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("apresentação de estreia"),
    )
    criado_em = models.DateTimeField(_("criado em"), auto_now_add=True)

    objects = ProjetoQuerySet.as_manager()

    class Meta:
        verbose_name = _("projeto de espetáculo")
        verbose_name_plural = _("projetos de espetáculo")
        ordering = ["-criado_em", "pk"]
        indexes = [models.Index(fields=["secretaria", "etapa"], name="projeto_secretaria_etapa")]

    def __str__(self):
        return self.titulo


class EnsaioQuerySet(EscopoQuerySet):
    caminho_secretaria = "projeto__secretaria"
    caminho_ponto = "espaco__ponto"


class Ensaio(models.Model):
    """Ensaio de um projeto numa sala de um Ponto, reservado pelo serviço de reservas do núcleo."""

    projeto = models.ForeignKey(
        ProjetoEspetaculo, on_delete=models.CASCADE, related_name="ensaios", verbose_name=_("projeto")
    )
    espaco = models.ForeignKey("pontos.Espaco", on_delete=models.PROTECT, related_name="+", verbose_name=_("sala"))
    reserva = models.OneToOneField(
        "pontos.Reserva", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("reserva")
    )
    inicio = models.DateTimeField(_("início"))
    fim = models.DateTimeField(_("fim"))
    criado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criado por"),
    )

    objects = EnsaioQuerySet.as_manager()

    class Meta:
        verbose_name = _("ensaio")
        verbose_name_plural = _("ensaios")
        ordering = ["inicio"]
        constraints = [
            models.CheckConstraint(condition=models.Q(fim__gt=models.F("inicio")), name="ensaio_fim_depois_inicio")
        ]

    def __str__(self):
        return f"Ensaio de {self.projeto} em {self.espaco}"
