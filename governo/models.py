"""Modelos do Painel de Governo.

O ``governo`` não guarda dados de programa: lê os programas só pelo ponto de extensão
``pontos.extensoes.indicadores`` e consolida os valores em ``ResumoIndicador``, que uma tarefa
periódica reconstrói. Os únicos dados próprios são os itens de custo público (``ItemCusto``),
a base do índice de sustentabilidade, e os relatórios PDF gerados sob pedido.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pontos.escopo import EscopoQuerySet


class ResumoIndicadorQuerySet(EscopoQuerySet):
    caminho_secretaria = "secretaria"
    caminho_ponto = "ponto"


class ResumoIndicador(models.Model):
    """Valor consolidado de um indicador por mês, Ponto, secretaria e detalhe.

    Reconstruída inteira pela tarefa ``governo.resumo_atualizar``; o painel lê só daqui.
    """

    chave = models.CharField(_("indicador"), max_length=80)
    programa = models.CharField(_("programa"), max_length=60)
    ponto = models.ForeignKey(
        "pontos.Ponto", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("Ponto")
    )
    territorio = models.ForeignKey(
        "pontos.Territorio",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("território"),
    )
    secretaria = models.ForeignKey(
        "pontos.Secretaria",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("secretaria"),
    )
    mes = models.DateField(_("mês"))
    detalhe = models.CharField(_("detalhe"), max_length=120, blank=True)
    valor = models.DecimalField(_("valor"), max_digits=18, decimal_places=4)

    objects = ResumoIndicadorQuerySet.as_manager()

    class Meta:
        verbose_name = _("resumo de indicador")
        verbose_name_plural = _("resumos de indicadores")
        indexes = [
            models.Index(fields=["mes", "chave"], name="resumo_mes_chave"),
            models.Index(fields=["secretaria", "mes"], name="resumo_secretaria_mes"),
            models.Index(fields=["ponto", "mes"], name="resumo_ponto_mes"),
            models.Index(fields=["chave", "mes"], name="resumo_chave_mes"),
        ]

    def __str__(self):
        return f"{self.chave} {self.mes:%m/%Y}: {self.valor}"


class ResumoPessoas(models.Model):
    """Contagem anônima de empreendedores por coorte e recortes de equidade.

    Cada linha é um grupo (coorte × território × faixa etária × gênero × raça/cor × situação);
    gênero e raça/cor só entram para quem consentiu, senão ficam "não informado".
    """

    coorte = models.DateField(_("mês de entrada"))
    territorio = models.ForeignKey(
        "pontos.Territorio",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("território de residência"),
    )
    ponto = models.ForeignKey(
        "pontos.Ponto",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ponto do cadastro"),
    )
    faixa_etaria = models.CharField(_("faixa etária"), max_length=20)
    genero = models.CharField(_("gênero"), max_length=20, blank=True)
    raca_cor = models.CharField(_("raça/cor"), max_length=20, blank=True)
    formalizado = models.BooleanField(_("formalizado(a)"))
    ativo = models.BooleanField(_("conta ativa"))
    pessoas = models.PositiveIntegerField(_("pessoas"))

    class Meta:
        verbose_name = _("resumo de pessoas")
        verbose_name_plural = _("resumos de pessoas")
        indexes = [models.Index(fields=["coorte"], name="resumo_pessoas_coorte")]

    def __str__(self):
        return f"{self.coorte:%m/%Y}: {self.pessoas}"


class AtualizacaoResumo(models.Model):
    """Registro de cada reconstrução do resumo: o painel mostra a mais recente."""

    iniciada_em = models.DateTimeField(_("iniciada em"))
    concluida_em = models.DateTimeField(_("concluída em"), null=True, blank=True)
    linhas = models.PositiveIntegerField(_("linhas gravadas"), default=0)
    segundos = models.FloatField(_("duração (s)"), default=0)
    erros = models.TextField(_("indicadores com erro"), blank=True)

    class Meta:
        verbose_name = _("atualização do resumo")
        verbose_name_plural = _("atualizações do resumo")
        ordering = ["-iniciada_em"]
        get_latest_by = "iniciada_em"

    def __str__(self):
        return f"{self.iniciada_em:%d/%m/%Y %H:%M} ({self.linhas} linhas)"


class CategoriaCusto(models.TextChoices):
    HORAS_EQUIPE = "horas_equipe", _("Horas de equipe")
    INFRAESTRUTURA = "infraestrutura", _("Infraestrutura e manutenção")
    INVESTIMENTO_INICIAL = "investimento_inicial", _("Investimento inicial")
    TRANSPORTE = "transporte", _("Transporte")
    OUTRO = "outro", _("Outro")


class ItemCustoQuerySet(EscopoQuerySet):
    caminho_secretaria = "secretaria"
    caminho_ponto = "ponto"


class ItemCusto(models.Model):
    """Custo público lançado pela equipe de uma secretaria, por Ponto, programa e mês."""

    Categoria = CategoriaCusto

    secretaria = models.ForeignKey(
        "pontos.Secretaria", on_delete=models.PROTECT, related_name="itens_custo", verbose_name=_("secretaria")
    )
    ponto = models.ForeignKey(
        "pontos.Ponto", on_delete=models.PROTECT, related_name="itens_custo", verbose_name=_("Ponto")
    )
    programa = models.CharField(
        _("programa"), max_length=60, help_text=_("Programa que o custo sustenta, ex.: Feiras, Formação, Cultura.")
    )
    mes = models.DateField(_("mês"), help_text=_("Qualquer dia do mês; é guardado como o primeiro dia."))
    categoria = models.CharField(_("categoria"), max_length=30, choices=CategoriaCusto.choices)
    valor = models.DecimalField(_("valor (R$)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    horas = models.DecimalField(
        _("horas de equipe"), max_digits=9, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    descricao = models.CharField(_("descrição"), max_length=200, blank=True)
    criado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lançado por"),
    )
    criado_em = models.DateTimeField(_("lançado em"), auto_now_add=True)

    objects = ItemCustoQuerySet.as_manager()

    class Meta:
        verbose_name = _("item de custo público")
        verbose_name_plural = _("itens de custo público")
        ordering = ["-mes", "ponto"]
        indexes = [models.Index(fields=["secretaria", "mes"], name="itemcusto_secretaria_mes")]
        constraints = [
            models.CheckConstraint(condition=models.Q(valor__gte=0), name="itemcusto_valor_nao_negativo"),
        ]

    def __str__(self):
        return f"{self.get_categoria_display()} — {self.ponto} — {self.mes:%m/%Y}"


class SituacaoRelatorio(models.TextChoices):
    PENDENTE = "pendente", _("Na fila")
    GERANDO = "gerando", _("Gerando")
    PRONTO = "pronto", _("Pronto")
    ERRO = "erro", _("Erro")


class RelatorioQuerySet(models.QuerySet):
    def visiveis_para(self, usuario):
        """Cada relatório é de quem o pediu."""
        if not getattr(usuario, "is_authenticated", False):
            return self.none()
        return self.filter(usuario=usuario)


class Relatorio(models.Model):
    """Relatório PDF pedido por alguém da equipe, gerado pela tarefa ``governo.relatorio_gerar``."""

    Situacao = SituacaoRelatorio

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("pedido por")
    )
    filtros = models.JSONField(_("filtros"), default=dict)
    situacao = models.CharField(
        _("situação"), max_length=10, choices=SituacaoRelatorio.choices, default=SituacaoRelatorio.PENDENTE
    )
    progresso = models.PositiveSmallIntegerField(_("progresso (%)"), default=0)
    arquivo = models.FileField(_("arquivo"), upload_to="governo/relatorios/", blank=True)
    erro = models.CharField(_("erro"), max_length=300, blank=True)
    criado_em = models.DateTimeField(_("pedido em"), auto_now_add=True)
    concluido_em = models.DateTimeField(_("concluído em"), null=True, blank=True)

    objects = RelatorioQuerySet.as_manager()

    class Meta:
        verbose_name = _("relatório")
        verbose_name_plural = _("relatórios")
        ordering = ["-criado_em"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progresso__lte=100), name="relatorio_progresso_ate_100"),
        ]

    def __str__(self):
        return f"Relatório {self.pk} ({self.get_situacao_display()})"
