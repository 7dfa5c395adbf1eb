import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from localflavor.br.models import BRPostalCodeField

from pontos.escopo import EscopoQuerySet


class UsuarioManager(BaseUserManager):
    use_in_migrations = True

    def _criar(self, email, password, **extra):
        if not email:
            raise ValueError("O e-mail é obrigatório.")
        usuario = self.model(email=self.normalize_email(email).lower(), **extra)
        usuario.set_password(password)
        usuario.save(using=self._db)
        return usuario

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._criar(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._criar(email, password, **extra)


class Usuario(AbstractUser):
    """Usuário do portal: entra com o e-mail."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail"), unique=True)
    nome = models.CharField(_("nome"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UsuarioManager()

    class Meta:
        verbose_name = _("usuário")
        verbose_name_plural = _("usuários")

    def __str__(self):
        return self.nome or self.email

    def get_full_name(self):
        return self.nome or self.email

    def get_short_name(self):
        return (self.nome or self.email).split(" ")[0]


class CategoriaProduto(models.TextChoices):
    ARTESANATO = "artesanato", _("Artesanato")
    PRODUTOS_NATURAIS = "produtos_naturais", _("Produtos naturais")
    ALIMENTOS_PRONTOS = "alimentos_prontos", _("Alimentos prontos")
    HORTIFRUTI = "hortifruti", _("Hortifrúti")
    OUTROS = "outros", _("Outros")


class SituacaoFormalizacao(models.TextChoices):
    INFORMAL = "informal", _("Informal")
    MEI = "mei", _("MEI")
    OUTRO_CNPJ = "outro_cnpj", _("Outro CNPJ")
    COOPERATIVA = "cooperativa", _("Cooperativa")
    ASSOCIACAO = "associacao", _("Associação")


class Genero(models.TextChoices):
    MULHER = "mulher", _("Mulher")
    HOMEM = "homem", _("Homem")
    NAO_BINARIO = "nao_binario", _("Não binário")
    OUTRO = "outro", _("Outro")
    PREFIRO_NAO = "prefiro_nao", _("Prefiro não dizer")


class RacaCor(models.TextChoices):
    """Categorias do IBGE."""

    BRANCA = "branca", _("Branca")
    PRETA = "preta", _("Preta")
    PARDA = "parda", _("Parda")
    AMARELA = "amarela", _("Amarela")
    INDIGENA = "indigena", _("Indígena")
    PREFIRO_NAO = "prefiro_nao", _("Prefiro não dizer")


class EmpreendedorQuerySet(EscopoQuerySet):
    """Pessoas são do programa, não de uma secretaria: a equipe vê as do seu território de atuação.

    Quem tem vínculo vê as pessoas cadastradas por um Ponto da sua secretaria ou com
    inscrição/matrícula em seus programas; para simplificar e não esconder pessoas que
    procuram atendimento, a equipe de qualquer secretaria pode localizar uma pessoa, e cada
    leitura de dados pessoais fica registrada (``AcessoDadosPessoais``).
    """

    def visiveis_para(self, usuario):
        from pontos.escopo import vinculos_de

        if getattr(usuario, "is_superuser", False) or vinculos_de(usuario):
            return self.filter(anonimizado_em__isnull=True)
        return self.none()

    def na_vitrine(self):
        return self.filter(publicar_vitrine=True, anonimizado_em__isnull=True)


class Empreendedor(models.Model):
    """Perfil do(a) empreendedor(a) popular; pode existir sem conta (cadastro assistido)."""

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="empreendedor",
        verbose_name=_("conta"),
    )
    nome = models.CharField(_("nome civil"), max_length=150)
    nome_social = models.CharField(_("nome social"), max_length=150, blank=True)
    nome_publico = models.CharField(
        _("nome na vitrine"), max_length=120, blank=True, help_text=_("Nome do negócio ou como quer ser chamado(a).")
    )
    cpf = models.CharField(_("CPF"), max_length=11, unique=True, null=True, blank=True)
    data_nascimento = models.DateField(_("data de nascimento"), null=True, blank=True)
    telefone = models.CharField(_("telefone / WhatsApp"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    cep = BRPostalCodeField(_("CEP"), blank=True)
    endereco = models.CharField(_("endereço"), max_length=200, blank=True)
    territorio = models.ForeignKey(
        "pontos.Territorio",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moradores",
        verbose_name=_("território de residência"),
    )
    categorias = models.JSONField(_("categorias de produto"), default=list, blank=True)
    descricao = models.TextField(_("descrição do que faz"), blank=True)
    situacao_formalizacao = models.CharField(
        _("situação de formalização"),
        max_length=20,
        choices=SituacaoFormalizacao.choices,
        default=SituacaoFormalizacao.INFORMAL,
    )
    cnpj = models.CharField(_("CNPJ"), max_length=14, blank=True)
    cadunico = models.BooleanField(_("inscrito(a) no CadÚnico"), default=False)
    consentiu_dados_sensiveis = models.BooleanField(
        _("autorizo o uso de gênero e raça/cor para estatísticas"), default=False
    )
    genero = models.CharField(_("gênero"), max_length=20, choices=Genero.choices, blank=True)
    raca_cor = models.CharField(_("raça/cor (IBGE)"), max_length=20, choices=RacaCor.choices, blank=True)
    publicar_vitrine = models.BooleanField(_("aparecer na vitrine"), default=False)
    publicar_contato = models.BooleanField(_("mostrar telefone na vitrine"), default=False)
    ponto_cadastro = models.ForeignKey(
        "pontos.Ponto",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ponto do cadastro assistido"),
    )
    cadastrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cadastrado(a) por"),
    )
    codigo_reivindicacao = models.CharField(_("código para assumir a conta"), max_length=16, blank=True)
    texto_busca = models.CharField(_("texto de busca"), max_length=600, blank=True, editable=False)
    criado_em = models.DateTimeField(_("criado em"), default=timezone.now)
    anonimizado_em = models.DateTimeField(_("anonimizado em"), null=True, blank=True)

    objects = EmpreendedorQuerySet.as_manager()

    class Meta:
        verbose_name = _("empreendedor(a)")
        verbose_name_plural = _("empreendedores(as)")
        ordering = ["nome"]
        indexes = [
            models.Index(fields=["publicar_vitrine", "territorio"], name="empreendedor_vitrine"),
            models.Index(fields=["criado_em"], name="empreendedor_criado"),
        ]

    def __str__(self):
        return self.nome_exibicao

    @property
    def nome_exibicao(self):
        return self.nome_social or self.nome

    @property
    def nome_vitrine(self):
        return self.nome_publico or self.nome_exibicao.split(" ")[0]

    @property
    def cpf_mascarado(self):
        return f"***.{self.cpf[3:6]}.***-{self.cpf[9:]}" if self.cpf else ""

    @property
    def perfil_completo(self):
        return bool(
            self.nome and self.cpf and self.data_nascimento and self.telefone and self.territorio_id and self.categorias
        )

    @property
    def idade(self):
        if not self.data_nascimento:
            return None
        hoje = datetime.date.today()
        anos = hoje.year - self.data_nascimento.year
        return anos - ((hoje.month, hoje.day) < (self.data_nascimento.month, self.data_nascimento.day))

    def categorias_rotulos(self):
        rotulos = dict(CategoriaProduto.choices)
        return [rotulos.get(c, c) for c in self.categorias]

    def get_absolute_url(self):
        return reverse("pontos:empreendedor_publico", kwargs={"pk": self.pk})


class Produto(models.Model):
    empreendedor = models.ForeignKey(
        Empreendedor, on_delete=models.CASCADE, related_name="produtos", verbose_name=_("empreendedor(a)")
    )
    nome = models.CharField(_("nome"), max_length=120)
    categoria = models.CharField(_("categoria"), max_length=20, choices=CategoriaProduto.choices)
    descricao = models.TextField(_("descrição"), blank=True)
    preco_referencia = models.DecimalField(
        _("preço de referência (R$)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    foto = models.ImageField(_("foto"), upload_to="produtos/", blank=True)
    miniatura = models.ImageField(_("miniatura"), upload_to="produtos/miniaturas/", blank=True)
    publicado = models.BooleanField(_("publicar na vitrine"), default=True)
    criado_em = models.DateTimeField(_("criado em"), auto_now_add=True)

    class Meta:
        verbose_name = _("produto")
        verbose_name_plural = _("produtos")
        ordering = ["nome"]
        indexes = [models.Index(fields=["empreendedor", "publicado"], name="produto_empreendedor")]

    def __str__(self):
        return self.nome


class TipoQualificacao(models.TextChoices):
    BOAS_PRATICAS = "boas_praticas_alimentos", _("Boas Práticas de Manipulação de Alimentos")
    LICENCA_SANITARIA = "licenca_sanitaria", _("Licença / cadastro sanitário")
    GESTAO_FINANCAS = "gestao_financas", _("Gestão e finanças do pequeno negócio")
    FORMALIZACAO_MEI = "formalizacao_mei", _("Formalização MEI")
    COMERCIALIZACAO = "comercializacao", _("Comercialização e divulgação")
    FORMACAO_ARTISTICA = "formacao_artistica", _("Formação artística")
    TECNICA = "tecnica", _("Formação técnica")
    OUTRA = "outra", _("Outra")


class QualificacaoQuerySet(EscopoQuerySet):
    def visiveis_para(self, usuario):
        return self.filter(empreendedor__in=Empreendedor.objects.visiveis_para(usuario))

    def vigentes(self, em=None):
        """Válidas na data, não revogadas e confiáveis: emitidas por um programa (com
        ``referencia``) ou conferidas pela equipe. Comprovante enviado pela própria pessoa
        só vale depois de verificado."""
        dia = em or timezone.localdate()
        return (
            self.filter(revogada_em__isnull=True, valida_de__lte=dia)
            .filter(models.Q(valida_ate__isnull=True) | models.Q(valida_ate__gte=dia))
            .filter(models.Q(verificada_em__isnull=False) | ~models.Q(referencia=""))
        )


class Qualificacao(models.Model):
    """Certificado ou habilitação de uma pessoa: é por aqui que os programas se reconhecem."""

    empreendedor = models.ForeignKey(
        Empreendedor, on_delete=models.CASCADE, related_name="qualificacoes", verbose_name=_("empreendedor(a)")
    )
    tipo = models.CharField(_("tipo"), max_length=40, choices=TipoQualificacao.choices)
    origem = models.CharField(_("origem"), max_length=200, help_text=_("Curso, instituição ou documento."))
    referencia = models.CharField(
        _("referência de origem"),
        max_length=80,
        blank=True,
        help_text=_("Identificador do registro que a concedeu (ex.: certificado)."),
    )
    valida_de = models.DateField(_("válida desde"), default=datetime.date.today)
    valida_ate = models.DateField(_("válida até"), null=True, blank=True)
    evidencia = models.FileField(_("comprovante"), upload_to="qualificacoes/", blank=True)
    verificada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verificada por"),
    )
    verificada_em = models.DateTimeField(_("verificada em"), null=True, blank=True)
    revogada_em = models.DateTimeField(_("revogada em"), null=True, blank=True)
    motivo_revogacao = models.CharField(_("motivo da revogação"), max_length=300, blank=True)

    objects = QualificacaoQuerySet.as_manager()

    class Meta:
        verbose_name = _("qualificação")
        verbose_name_plural = _("qualificações")
        ordering = ["-valida_de"]
        constraints = [
            models.UniqueConstraint(
                fields=["empreendedor", "referencia"],
                condition=~models.Q(referencia=""),
                name="qualificacao_referencia_unica",
            )
        ]
        indexes = [models.Index(fields=["empreendedor", "tipo"], name="qualificacao_pessoa_tipo")]

    def __str__(self):
        return f"{self.get_tipo_display()} — {self.empreendedor}"

    @property
    def vigente(self):
        hoje = timezone.localdate()
        return (
            self.revogada_em is None
            and self.valida_de <= hoje
            and (self.valida_ate is None or self.valida_ate >= hoje)
            and (self.verificada_em is not None or bool(self.referencia))
        )

    @property
    def aguardando_verificacao(self):
        return self.verificada_em is None and not self.referencia and self.revogada_em is None


class TipoConsentimento(models.TextChoices):
    TERMOS = "termos", _("Termos de uso e política de privacidade")
    DADOS_SENSIVEIS = "dados_sensiveis", _("Uso de gênero e raça/cor para estatísticas")


class Consentimento(models.Model):
    """Histórico de consentimentos (LGPD), com a versão do texto aceito."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consentimentos", verbose_name=_("usuário")
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=TipoConsentimento.choices)
    versao = models.CharField(_("versão do texto"), max_length=20)
    aceito = models.BooleanField(_("aceito"), default=True)
    momento = models.DateTimeField(_("momento"), auto_now_add=True)

    class Meta:
        verbose_name = _("consentimento")
        verbose_name_plural = _("consentimentos")
        ordering = ["-momento"]

    def __str__(self):
        return f"{self.get_tipo_display()} v{self.versao}"
