from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Linguagem(models.TextChoices):
    MUSICA = "musica", _("Música")
    TEATRO = "teatro", _("Teatro")
    DANCA = "danca", _("Dança")
    CIRCO = "circo", _("Circo")
    ARTES_VISUAIS = "artes_visuais", _("Artes visuais")
    LITERATURA = "literatura", _("Literatura")
    AUDIOVISUAL = "audiovisual", _("Audiovisual")
    CULTURA_POPULAR = "cultura_popular", _("Cultura popular")


class TipoArtista(models.TextChoices):
    INDIVIDUAL = "individual", _("Artista individual")
    COLETIVO = "coletivo", _("Coletivo / grupo")


class ArtistaQuerySet(models.QuerySet):
    """Perfis artísticos são das pessoas, não de uma secretaria (como o Empreendedor)."""

    def publicados(self):
        return self.filter(publicado=True, responsavel__anonimizado_em__isnull=True)

    def de_pessoa(self, empreendedor):
        return self.filter(responsavel=empreendedor)


class Artista(models.Model):
    """Perfil artístico (pessoa ou coletivo) mantido por uma pessoa em Minha conta."""

    responsavel = models.ForeignKey(
        "pontos.Empreendedor",
        on_delete=models.CASCADE,
        related_name="perfis_artisticos",
        verbose_name=_("pessoa responsável"),
    )
    tipo = models.CharField(_("tipo"), max_length=12, choices=TipoArtista.choices, default=TipoArtista.INDIVIDUAL)
    nome_artistico = models.CharField(_("nome artístico"), max_length=120)
    linguagem = models.CharField(_("linguagem"), max_length=20, choices=Linguagem.choices)
    release = models.TextField(_("release"), help_text=_("Apresentação do trabalho, em poucos parágrafos."))
    links_portfolio = models.JSONField(_("links de portfólio"), default=list, blank=True)
    publicado = models.BooleanField(_("mostrar página pública"), default=True)
    criado_em = models.DateTimeField(_("criado em"), default=timezone.now)

    objects = ArtistaQuerySet.as_manager()

    class Meta:
        verbose_name = _("artista ou coletivo")
        verbose_name_plural = _("artistas e coletivos")
        ordering = ["nome_artistico"]
        constraints = [
            models.UniqueConstraint(fields=["responsavel", "nome_artistico"], name="artista_nome_unico_por_pessoa")
        ]
        indexes = [models.Index(fields=["publicado", "linguagem"], name="artista_publicado_linguagem")]

    def __str__(self):
        return self.nome_artistico

    def get_absolute_url(self):
        return reverse("cultura:artista_publico", kwargs={"pk": self.pk})


class FotoArtista(models.Model):
    artista = models.ForeignKey(Artista, on_delete=models.CASCADE, related_name="fotos", verbose_name=_("artista"))
    imagem = models.ImageField(_("imagem"), upload_to="cultura/artistas/")
    legenda = models.CharField(_("descrição da foto (texto alternativo)"), max_length=160)
    criada_em = models.DateTimeField(_("enviada em"), auto_now_add=True)

    class Meta:
        verbose_name = _("foto de artista")
        verbose_name_plural = _("fotos de artistas")
        ordering = ["criada_em", "pk"]

    def __str__(self):
        return self.legenda


class MembroColetivo(models.Model):
    artista = models.ForeignKey(Artista, on_delete=models.CASCADE, related_name="membros", verbose_name=_("coletivo"))
    nome = models.CharField(_("nome"), max_length=150)
    funcao = models.CharField(_("função no grupo"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("membro do coletivo")
        verbose_name_plural = _("membros do coletivo")
        ordering = ["nome"]
        constraints = [models.UniqueConstraint(fields=["artista", "nome"], name="membro_unico_por_coletivo")]

    def __str__(self):
        return self.nome
