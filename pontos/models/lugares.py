from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from localflavor.br.models import BRPostalCodeField

from pontos.escopo import EscopoQuerySet


class Territorio(models.Model):
    """Subprefeitura da cidade."""

    nome = models.CharField(_("nome"), max_length=80, unique=True)
    slug = models.SlugField(_("identificador"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("território")
        verbose_name_plural = _("territórios")
        ordering = ["nome"]

    def __str__(self):
        return self.nome


class TipoPonto(models.TextChoices):
    PARQUE = "parque", _("Parque")
    SEGURANCA_ALIMENTAR = "seguranca_alimentar", _("Centro de segurança alimentar")
    CASA_CULTURA = "casa_cultura", _("Casa de Cultura")
    MERCADO = "mercado", _("Mercado / Sacolão")
    CEU = "ceu", _("CEU")
    OUTRO = "outro", _("Outro equipamento")


class PontoQuerySet(EscopoQuerySet):
    caminho_ponto = "pk"

    def ativos(self):
        return self.filter(ativo=True)


class Ponto(models.Model):
    """Equipamento público que se torna Ponto de Geração de Renda."""

    nome = models.CharField(_("nome"), max_length=120)
    slug = models.SlugField(_("identificador"), max_length=140, unique=True)
    tipo = models.CharField(_("tipo de equipamento"), max_length=30, choices=TipoPonto.choices)
    territorio = models.ForeignKey(
        Territorio, on_delete=models.PROTECT, related_name="pontos", verbose_name=_("território")
    )
    secretaria = models.ForeignKey(
        "pontos.Secretaria",
        on_delete=models.PROTECT,
        related_name="pontos",
        verbose_name=_("secretaria que o mantém"),
    )
    cep = BRPostalCodeField(_("CEP"))
    endereco = models.CharField(_("endereço"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    descricao = models.TextField(_("descrição"), blank=True)
    horarios = models.CharField(_("horários de funcionamento"), max_length=200, blank=True)
    ativo = models.BooleanField(_("ativo"), default=True)

    objects = PontoQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ponto de Geração de Renda")
        verbose_name_plural = _("Pontos de Geração de Renda")
        ordering = ["nome"]
        indexes = [models.Index(fields=["territorio", "nome"], name="ponto_territorio_nome")]

    def __str__(self):
        return self.nome

    def get_absolute_url(self):
        return reverse("pontos:ponto_detalhe", kwargs={"slug": self.slug})


class TipoInfraestrutura(models.TextChoices):
    HORTA = "horta", _("Horta")
    COZINHA = "cozinha_comunitaria", _("Cozinha comunitária")
    ENTREPOSTO = "entreposto", _("Entreposto")
    ESPACO_FEIRA = "espaco_feira", _("Espaço de feira")
    PALCO = "palco", _("Palco")
    SALA_OFICINA = "sala_oficina", _("Sala de oficina")


class Infraestrutura(models.Model):
    """Uma infraestrutura do vocabulário fixo, com nota de capacidade."""

    Tipo = TipoInfraestrutura

    ponto = models.ForeignKey(Ponto, on_delete=models.CASCADE, related_name="infraestruturas", verbose_name=_("Ponto"))
    tipo = models.CharField(_("tipo"), max_length=30, choices=TipoInfraestrutura.choices)
    capacidade = models.CharField(_("capacidade"), max_length=160, blank=True, help_text=_("Ex.: 40 bancas"))

    class Meta:
        verbose_name = _("infraestrutura")
        verbose_name_plural = _("infraestruturas")
        constraints = [models.UniqueConstraint(fields=["ponto", "tipo"], name="infraestrutura_unica_por_ponto")]

    def __str__(self):
        return f"{self.get_tipo_display()} — {self.capacidade}" if self.capacidade else self.get_tipo_display()


class FotoPonto(models.Model):
    ponto = models.ForeignKey(Ponto, on_delete=models.CASCADE, related_name="fotos", verbose_name=_("Ponto"))
    imagem = models.ImageField(_("imagem"), upload_to="pontos/fotos/")
    miniatura = models.ImageField(_("miniatura"), upload_to="pontos/miniaturas/", blank=True)
    legenda = models.CharField(_("legenda (texto alternativo)"), max_length=160)

    class Meta:
        verbose_name = _("foto do Ponto")
        verbose_name_plural = _("fotos do Ponto")

    def __str__(self):
        return self.legenda


class TipoEspaco(models.TextChoices):
    SALA = "sala", _("Sala")
    PALCO = "palco", _("Palco")
    COZINHA = "cozinha", _("Cozinha")
    AREA_FEIRA = "area_feira", _("Área de feira")
    BOX_ARMAZENAGEM = "box_armazenagem", _("Box de armazenagem")


class EspacoQuerySet(EscopoQuerySet):
    caminho_secretaria = "ponto__secretaria"
    caminho_ponto = "ponto"


class Espaco(models.Model):
    """Espaço reservável de um Ponto, compartilhado por todos os programas."""

    ponto = models.ForeignKey(Ponto, on_delete=models.CASCADE, related_name="espacos", verbose_name=_("Ponto"))
    nome = models.CharField(_("nome"), max_length=100)
    tipo = models.CharField(_("tipo"), max_length=20, choices=TipoEspaco.choices)
    capacidade = models.PositiveIntegerField(_("capacidade (pessoas ou bancas)"), default=0)

    objects = EspacoQuerySet.as_manager()

    class Meta:
        verbose_name = _("espaço")
        verbose_name_plural = _("espaços")
        ordering = ["ponto", "nome"]
        constraints = [models.UniqueConstraint(fields=["ponto", "nome"], name="espaco_nome_unico_por_ponto")]

    def __str__(self):
        return f"{self.nome} ({self.ponto})"


class ReservaQuerySet(EscopoQuerySet):
    caminho_ponto = "espaco__ponto"

    def ativas(self):
        return self.filter(cancelada=False)

    def sobrepostas(self, *, espaco, inicio, fim):
        return self.ativas().filter(espaco=espaco, inicio__lt=fim, fim__gt=inicio)


class Reserva(models.Model):
    """Ocupação de um espaço por um objeto de programa (turma, feira, apresentação…).

    Duas reservas ativas do mesmo espaço nunca se sobrepõem: no PostgreSQL, uma restrição de
    exclusão (migração 0002); no SQLite, a verificação com trava em ``reserva_criar``.
    """

    espaco = models.ForeignKey(Espaco, on_delete=models.PROTECT, related_name="reservas", verbose_name=_("espaço"))
    secretaria = models.ForeignKey(
        "pontos.Secretaria", on_delete=models.PROTECT, related_name="reservas", verbose_name=_("secretaria")
    )
    inicio = models.DateTimeField(_("início"))
    fim = models.DateTimeField(_("fim"))
    titulo = models.CharField(_("título"), max_length=200)
    conteudo_tipo = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("tipo do objeto")
    )
    objeto_id = models.PositiveBigIntegerField(_("id do objeto"), null=True, blank=True)
    objeto = GenericForeignKey("conteudo_tipo", "objeto_id")
    cancelada = models.BooleanField(_("cancelada"), default=False)
    criada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criada por"),
    )

    objects = ReservaQuerySet.as_manager()

    class Meta:
        verbose_name = _("reserva")
        verbose_name_plural = _("reservas")
        ordering = ["inicio"]
        indexes = [
            models.Index(fields=["espaco", "inicio"], name="reserva_espaco_inicio"),
            models.Index(fields=["conteudo_tipo", "objeto_id"], name="reserva_objeto"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(fim__gt=models.F("inicio")), name="reserva_fim_depois_inicio")
        ]

    def __str__(self):
        return f"{self.titulo} — {self.espaco}"
