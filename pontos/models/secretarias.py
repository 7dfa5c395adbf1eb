from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pontos.escopo import EscopoQuerySet


class Secretaria(models.Model):
    """O inquilino: cada secretaria vê e administra só o que organiza."""

    sigla = models.SlugField(_("sigla"), max_length=12, unique=True)
    nome = models.CharField(_("nome"), max_length=120)
    cor = models.CharField(_("cor"), max_length=7, default="#1d4e89", help_text=_("Hexadecimal, ex.: #1d4e89"))
    programas = models.JSONField(
        _("programas que organiza"),
        default=list,
        blank=True,
        help_text=_("Apps de programa que aparecem na Gestão desta secretaria (ex.: feiras, formacao). Vazio: todos."),
    )
    eh_governo = models.BooleanField(
        _("coordenação (Governo)"), default=False, help_text=_("Lê todos os programas, sem editar.")
    )

    class Meta:
        verbose_name = _("secretaria")
        verbose_name_plural = _("secretarias")
        ordering = ["sigla"]

    def __str__(self):
        return self.sigla.upper()

    def organiza(self, programa):
        return not self.programas or programa in self.programas


class Papel(models.TextChoices):
    GESTOR = "gestor", _("Gestor(a)")
    OPERADOR = "operador", _("Operador(a)")
    CONSULTA = "consulta", _("Consulta")


class VinculoQuerySet(EscopoQuerySet):
    pass


class Vinculo(models.Model):
    """Pertença de um usuário da equipe a uma secretaria, com papel e Pontos opcionais."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vinculos", verbose_name=_("usuário")
    )
    secretaria = models.ForeignKey(
        Secretaria, on_delete=models.PROTECT, related_name="vinculos", verbose_name=_("secretaria")
    )
    papel = models.CharField(_("papel"), max_length=10, choices=Papel.choices, default=Papel.OPERADOR)
    pontos = models.ManyToManyField(
        "pontos.Ponto",
        blank=True,
        related_name="vinculos",
        verbose_name=_("Pontos"),
        help_text=_("Vazio: todos os Pontos da secretaria."),
    )
    ativo = models.BooleanField(_("ativo"), default=True)

    objects = VinculoQuerySet.as_manager()

    class Meta:
        verbose_name = _("vínculo")
        verbose_name_plural = _("vínculos")
        constraints = [models.UniqueConstraint(fields=["usuario", "secretaria"], name="vinculo_unico_por_secretaria")]

    def __str__(self):
        return f"{self.usuario} · {self.secretaria} · {self.get_papel_display()}"


class AcessoDadosPessoais(models.Model):
    """Registro (LGPD) de cada leitura de dados pessoais por alguém da equipe."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("quem leu")
    )
    empreendedor = models.ForeignKey(
        "pontos.Empreendedor",
        on_delete=models.SET_NULL,
        null=True,
        related_name="acessos",
        verbose_name=_("de quem"),
    )
    finalidade = models.CharField(_("finalidade"), max_length=200)
    momento = models.DateTimeField(_("momento"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("acesso a dados pessoais")
        verbose_name_plural = _("acessos a dados pessoais")
        ordering = ["-momento"]

    def __str__(self):
        return f"{self.usuario} → {self.empreendedor} ({self.finalidade})"
