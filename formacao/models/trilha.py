"""Trilha de formalização MEI: uma etapa por pessoa e passo."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from formacao.models.matriculas import Matricula
from pontos.escopo import EscopoQuerySet, filtro_escopo
from pontos.models import Empreendedor


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
