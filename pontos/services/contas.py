"""Serviços de contas: perfil do(a) empreendedor(a), produtos, qualificações enviadas,
cadastro assistido pela equipe e reivindicação da conta, MFA da equipe.

Keyword-only e atômicos; a validação de entrada é feita nos formulários antes de chegar aqui,
e o banco (CPF único) é a última palavra em caso de corrida.
"""

import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from pontos.escopo import vinculos_de
from pontos.models import AcessoDadosPessoais, Consentimento, Empreendedor, Papel, Ponto, Produto, Qualificacao
from pontos.models.pessoas import CategoriaProduto, TipoConsentimento
from pontos.services.tarefas import tarefa_enfileirar

CAMPOS_PERFIL = [
    "nome",
    "nome_social",
    "nome_publico",
    "cpf",
    "data_nascimento",
    "telefone",
    "cep",
    "endereco",
    "territorio",
    "categorias",
    "descricao",
    "situacao_formalizacao",
    "cnpj",
    "cadunico",
    "consentiu_dados_sensiveis",
    "genero",
    "raca_cor",
    "publicar_vitrine",
    "publicar_contato",
]
ALFABETO_CODIGO = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # sem 0/O, 1/I
MENSAGEM_CPF_DUPLICADO = _("Este CPF já está cadastrado.")


def _texto_busca(empreendedor):
    rotulos = dict(CategoriaProduto.choices)
    partes = [
        empreendedor.nome_vitrine,
        empreendedor.descricao,
        *(str(rotulos.get(c, c)) for c in empreendedor.categorias),
    ]
    return " ".join(p for p in partes if p).lower()[:600]


def _salvar_empreendedor(empreendedor):
    empreendedor.texto_busca = _texto_busca(empreendedor)
    try:
        with transaction.atomic():
            empreendedor.save()
    except IntegrityError:
        raise ValidationError({"cpf": MENSAGEM_CPF_DUPLICADO}) from None


@transaction.atomic
def perfil_salvar(*, usuario, dados):
    """Cria ou atualiza o perfil do usuário; registra consentimento de dados sensíveis."""
    empreendedor = Empreendedor.objects.select_for_update().filter(usuario=usuario).first()
    novo = empreendedor is None
    if novo:
        empreendedor = Empreendedor(usuario=usuario, email=usuario.email)
    consentia = bool(empreendedor.consentiu_dados_sensiveis) and not novo
    for campo in CAMPOS_PERFIL:
        if campo in dados:
            setattr(empreendedor, campo, dados[campo])
    if not empreendedor.consentiu_dados_sensiveis:
        empreendedor.genero = ""
        empreendedor.raca_cor = ""
    empreendedor.email = usuario.email
    _salvar_empreendedor(empreendedor)
    if empreendedor.consentiu_dados_sensiveis != consentia:
        Consentimento.objects.create(
            usuario=usuario,
            tipo=TipoConsentimento.DADOS_SENSIVEIS,
            versao=settings.TERMOS_VERSAO,
            aceito=empreendedor.consentiu_dados_sensiveis,
        )
    if usuario.nome != empreendedor.nome_exibicao:
        usuario.nome = empreendedor.nome_exibicao
        usuario.save(update_fields=["nome"])
    return empreendedor


@transaction.atomic
def produto_salvar(*, empreendedor, dados, foto=None, produto=None):
    """Cria ou altera um produto; a foto (já validada e limpa) vai ao storage e a miniatura à fila."""
    produto = produto or Produto(empreendedor=empreendedor)
    if produto.empreendedor_id != empreendedor.pk:
        raise PermissionDenied
    for campo in ("nome", "categoria", "descricao", "preco_referencia", "publicado"):
        if campo in dados:
            setattr(produto, campo, dados[campo])
    foto_antiga = miniatura_antiga = ""
    if foto is not None:
        foto_antiga = produto.foto.name if produto.foto else ""
        miniatura_antiga = produto.miniatura.name if produto.miniatura else ""
        produto.foto.save(foto.name, foto, save=False)
        produto.miniatura = ""
    produto.save()
    if foto is not None:
        tarefa_enfileirar("pontos.miniatura_gerar", produto_id=produto.pk)
        storage = produto.foto.storage
        for nome in (foto_antiga, miniatura_antiga):
            if nome:
                transaction.on_commit(lambda nome=nome: storage.delete(nome))
    return produto


@transaction.atomic
def produto_excluir(*, empreendedor, produto):
    if produto.empreendedor_id != empreendedor.pk:
        raise PermissionDenied
    arquivos = [f.name for f in (produto.foto, produto.miniatura) if f]
    storage = produto.foto.storage
    produto.delete()
    for nome in arquivos:
        transaction.on_commit(lambda nome=nome: storage.delete(nome))


@transaction.atomic
def qualificacao_enviar(*, empreendedor, dados, evidencia):
    """Qualificação obtida fora do programa, com comprovante, para a equipe verificar.

    Fica sem ``verificada_em`` até a equipe conferir na Gestão.
    """
    qualificacao = Qualificacao(
        empreendedor=empreendedor,
        tipo=dados["tipo"],
        origem=dados["origem"],
        valida_de=dados["valida_de"],
        valida_ate=dados.get("valida_ate"),
    )
    qualificacao.evidencia.save(evidencia.name, evidencia, save=False)
    qualificacao.save()
    return qualificacao


# --- Equipe: cadastro assistido -------------------------------------------------------------


def pontos_para_cadastro(usuario):
    """Pontos em que o usuário pode fazer cadastro assistido (gestor ou operador, fora do Governo)."""
    return Ponto.objects.editaveis_por(usuario).order_by("nome")


def pode_cadastrar(usuario):
    if not getattr(usuario, "is_authenticated", False) or not usuario.is_active:
        return False
    if usuario.is_superuser:
        return True
    return any(v.papel in {Papel.GESTOR, Papel.OPERADOR} and not v.secretaria.eh_governo for v in vinculos_de(usuario))


def codigo_gerar():
    return "".join(secrets.choice(ALFABETO_CODIGO) for _ in range(8))


@transaction.atomic
def cadastro_assistido_criar(*, por, dados):
    """A equipe cadastra uma pessoa sem conta; devolve ``(empreendedor, codigo)``.

    O Ponto precisa estar no escopo de quem cadastra (nunca confiamos no POST).
    """
    if not pode_cadastrar(por):
        raise PermissionDenied
    ponto = dados["ponto_cadastro"]
    if not pontos_para_cadastro(por).filter(pk=ponto.pk).exists():
        raise PermissionDenied
    empreendedor = Empreendedor(usuario=None, ponto_cadastro=ponto, cadastrado_por=por)
    for campo in CAMPOS_PERFIL:
        if campo in dados and campo not in {"consentiu_dados_sensiveis", "genero", "raca_cor"}:
            setattr(empreendedor, campo, dados[campo])
    codigo = codigo_gerar()
    empreendedor.codigo_reivindicacao = codigo
    _salvar_empreendedor(empreendedor)
    AcessoDadosPessoais.objects.create(usuario=por, empreendedor=empreendedor, finalidade="cadastro assistido")
    return empreendedor, codigo


def cadastrados_por_equipe(usuario):
    """Pessoas cadastradas em Pontos que o usuário enxerga (escopo da secretaria)."""
    return Empreendedor.objects.filter(
        usuario__isnull=True, anonimizado_em__isnull=True, ponto_cadastro__in=Ponto.objects.visiveis_para(usuario)
    )


def empreendedor_ler_para_equipe(*, usuario, pk, finalidade):
    """Lê os dados pessoais de uma pessoa cadastrada pela equipe e registra o acesso (LGPD)."""
    from django.http import Http404

    empreendedor = cadastrados_por_equipe(usuario).select_related("ponto_cadastro", "territorio").filter(pk=pk).first()
    if empreendedor is None:
        raise Http404
    AcessoDadosPessoais.objects.create(usuario=usuario, empreendedor=empreendedor, finalidade=finalidade)
    return empreendedor


@transaction.atomic
def codigo_renovar(*, por, empreendedor):
    if not pode_cadastrar(por) or empreendedor.usuario_id:
        raise PermissionDenied
    empreendedor.codigo_reivindicacao = codigo_gerar()
    empreendedor.save(update_fields=["codigo_reivindicacao"])
    return empreendedor.codigo_reivindicacao


# --- Reivindicação --------------------------------------------------------------------------

TENTATIVAS_REIVINDICAR = 5
JANELA_REIVINDICAR = 60 * 60


@transaction.atomic
def empreendedor_reivindicar(*, usuario, cpf, codigo):
    """Vincula ao usuário o cadastro assistido com este CPF e código.

    Erros dizem o mesmo para CPF inexistente e código errado (não revela quem está cadastrado);
    tentativas limitadas por usuário.
    """
    chave = f"reivindicar:{usuario.pk}"
    tentativas = cache.get(chave, 0)
    if tentativas >= TENTATIVAS_REIVINDICAR:
        raise ValidationError(_("Muitas tentativas. Espere uma hora ou procure a equipe do Ponto."), code="limite")
    if Empreendedor.objects.filter(usuario=usuario).exists():
        raise ValidationError(_("Sua conta já tem um perfil de empreendedor(a)."), code="ja_tem")
    candidato = (
        Empreendedor.objects.select_for_update()
        .filter(cpf=cpf, usuario__isnull=True, anonimizado_em__isnull=True)
        .exclude(codigo_reivindicacao="")
        .first()
    )
    if candidato is None or not hmac.compare_digest(candidato.codigo_reivindicacao, codigo):
        cache.set(chave, tentativas + 1, JANELA_REIVINDICAR)
        raise ValidationError(_("CPF ou código não conferem. Confira o código entregue no Ponto."), code="nao_confere")
    candidato.usuario = usuario
    candidato.email = usuario.email
    candidato.codigo_reivindicacao = ""
    candidato.save(update_fields=["usuario", "email", "codigo_reivindicacao"])
    usuario.nome = candidato.nome_exibicao
    usuario.save(update_fields=["nome"])
    cache.delete(chave)
    return candidato


# --- MFA da equipe --------------------------------------------------------------------------


def eh_gestor(usuario):
    return any(v.papel == Papel.GESTOR for v in vinculos_de(usuario))


def tem_totp(usuario):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=usuario, type=Authenticator.Type.TOTP).exists()


def precisa_ativar_mfa(usuario):
    """Gestores (e superusuários) só entram na Gestão com TOTP ativo."""
    if not getattr(usuario, "is_authenticated", False):
        return False
    return (usuario.is_superuser or eh_gestor(usuario)) and not tem_totp(usuario)
