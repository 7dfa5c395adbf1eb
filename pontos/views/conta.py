"""Minha conta (a pessoa cuida dos próprios dados), termos de uso e cadastro assistido da equipe."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pontos import extensoes
from pontos.forms.perfil import (
    CadastroAssistidoForm,
    ExcluirContaForm,
    PerfilForm,
    ProdutoForm,
    QualificacaoEnvioForm,
    ReivindicarForm,
)
from pontos.models import Consentimento, Empreendedor, Notificacao, Produto
from pontos.services import contas, lgpd


class SemPerfil(Exception):
    """Usuário (em geral da equipe) sem perfil de empreendedor(a)."""


def _empreendedor(request):
    """O perfil do usuário logado (o middleware já garantiu que existe, salvo para a equipe)."""
    empreendedor = Empreendedor.objects.select_related("territorio").filter(usuario=request.user).first()
    if empreendedor is None:
        raise SemPerfil
    return empreendedor


def com_perfil(view):
    """Sem perfil (equipe), as páginas de empreendedor(a) levam a criá-lo."""
    import functools

    @functools.wraps(view)
    def envolvida(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SemPerfil:
            messages.info(request, _("Esta página é para empreendedores(as): crie seu perfil para usá-la."))
            return redirect("pontos:perfil_editar")

    return login_required(envolvida)


def _erros_em_campos(form, erro):
    if hasattr(erro, "error_dict"):
        for campo, lista in erro.error_dict.items():
            form.add_error(campo if campo in form.fields else None, lista)
    else:
        form.add_error(None, erro)


def termos(request):
    return render(request, "pontos/conta/termos.html", {"versao": settings.TERMOS_VERSAO})


@login_required
def minha_conta(request):
    try:
        empreendedor = _empreendedor(request)
    except SemPerfil:
        return render(
            request, "pontos/conta/minha_conta_equipe.html", {"pode_cadastrar": contas.pode_cadastrar(request.user)}
        )
    produtos = list(empreendedor.produtos.order_by("nome")[:6])
    notificacoes = list(Notificacao.objects.filter(usuario=request.user, lida=False).order_by("-criada_em")[:5])
    contexto = {
        "empreendedor": empreendedor,
        "produtos": produtos,
        "notificacoes": notificacoes,
        "secoes": extensoes.secoes_minha_conta(request=request, empreendedor=empreendedor),
    }
    return render(request, "pontos/conta/minha_conta.html", contexto)


@login_required
@com_perfil
def trajetoria(request):
    """A jornada da pessoa em todos os programas (extensão ``atividades_pessoa``), numa página só."""
    empreendedor = _empreendedor(request)
    return render(
        request,
        "pontos/conta/trajetoria.html",
        {"atividades": extensoes.atividades_de(empreendedor=empreendedor)[:100]},
    )


@login_required
def perfil_editar(request):
    empreendedor = Empreendedor.objects.filter(usuario=request.user).first()
    novo = empreendedor is None
    instancia = empreendedor or Empreendedor(usuario=request.user, nome=request.user.nome)
    form = PerfilForm(request.POST or None, instance=instancia)
    if request.method == "POST" and form.is_valid():
        try:
            contas.perfil_salvar(usuario=request.user, dados=form.cleaned_data)
        except ValidationError as erro:
            _erros_em_campos(form, erro)
        else:
            messages.success(request, _("Perfil salvo."))
            return redirect("pontos:minha_conta")
    return render(request, "pontos/conta/perfil_form.html", {"form": form, "novo": novo})


@com_perfil
def produto_lista(request):
    empreendedor = _empreendedor(request)
    produtos = empreendedor.produtos.order_by("nome")
    pagina = Paginator(produtos, 24).get_page(request.GET.get("pagina"))
    return render(request, "pontos/conta/produto_list.html", {"empreendedor": empreendedor, "pagina": pagina})


def _produto_do_usuario(request, pk):
    try:
        return Produto.objects.select_related("empreendedor").get(pk=pk, empreendedor__usuario=request.user)
    except (Produto.DoesNotExist, ValueError):
        raise Http404 from None


@com_perfil
def produto_form(request, pk=None):
    empreendedor = _empreendedor(request)
    produto = _produto_do_usuario(request, pk) if pk else None
    form = ProdutoForm(request.POST or None, request.FILES or None, instance=produto)
    if request.method == "POST" and form.is_valid():
        dados = {k: v for k, v in form.cleaned_data.items() if k != "foto"}
        contas.produto_salvar(
            empreendedor=empreendedor, produto=produto, dados=dados, foto=form.cleaned_data.get("foto")
        )
        messages.success(request, _("Produto salvo."))
        return redirect("pontos:produto_lista")
    return render(request, "pontos/conta/produto_form.html", {"form": form, "produto": produto})


@com_perfil
def produto_excluir(request, pk):
    produto = _produto_do_usuario(request, pk)
    if request.method != "POST":
        return render(request, "pontos/conta/produto_excluir.html", {"produto": produto})
    contas.produto_excluir(empreendedor=produto.empreendedor, produto=produto)
    messages.success(request, _("Produto excluído."))
    return redirect("pontos:produto_lista")


@com_perfil
def qualificacoes(request):
    empreendedor = _empreendedor(request)
    form = QualificacaoEnvioForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        contas.qualificacao_enviar(
            empreendedor=empreendedor, dados=form.cleaned_data, evidencia=form.cleaned_data["evidencia"]
        )
        messages.success(request, _("Comprovante enviado. A equipe vai verificar e você será avisado(a)."))
        return redirect("pontos:qualificacoes")
    lista = empreendedor.qualificacoes.order_by("-valida_de", "pk")
    return render(request, "pontos/conta/qualificacoes.html", {"form": form, "qualificacoes": lista})


@login_required
def notificacoes(request):
    lista = Notificacao.objects.filter(usuario=request.user).order_by("-criada_em", "-pk")
    pagina = Paginator(lista, 20).get_page(request.GET.get("pagina"))
    return render(request, "pontos/conta/notificacoes.html", {"pagina": pagina})


@login_required
@require_POST
def notificacoes_marcar_lidas(request):
    consulta = Notificacao.objects.filter(usuario=request.user, lida=False)
    if request.POST.get("pk"):
        consulta = consulta.filter(pk=request.POST["pk"] if request.POST["pk"].isdigit() else None)
    consulta.update(lida=True)
    messages.success(request, _("Notificações marcadas como lidas."))
    return redirect("pontos:notificacoes")


@login_required
def consentimentos(request):
    lista = Consentimento.objects.filter(usuario=request.user).order_by("-momento", "-pk")
    return render(request, "pontos/conta/consentimentos.html", {"consentimentos": lista})


@login_required
def meus_dados(request):
    return render(request, "pontos/conta/meus_dados.html")


@login_required
def meus_dados_baixar(request):
    dados = lgpd.dados_exportar(usuario=request.user)
    resposta = HttpResponse(
        json.dumps(dados, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    resposta["Content-Disposition"] = 'attachment; filename="meus-dados-rede-de-pontos.json"'
    resposta["Cache-Control"] = "no-store"
    return resposta


@login_required
def conta_excluir(request):
    form = ExcluirContaForm(request.POST or None, usuario=request.user)
    if request.method == "POST" and form.is_valid():
        lgpd.conta_excluir(usuario=request.user)
        logout(request)
        messages.success(request, _("Sua conta foi excluída e seus dados pessoais foram apagados."))
        return redirect("pontos:home")
    return render(request, "pontos/conta/excluir.html", {"form": form})


@login_required
def reivindicar(request):
    form = ReivindicarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contas.empreendedor_reivindicar(
                usuario=request.user, cpf=form.cleaned_data["cpf"], codigo=form.cleaned_data["codigo"]
            )
        except ValidationError as erro:
            form.add_error(None, erro)
        else:
            messages.success(request, _("Pronto! O cadastro feito no Ponto agora é da sua conta. Confira seu perfil."))
            return redirect("pontos:perfil_editar")
    return render(request, "pontos/conta/reivindicar.html", {"form": form})


# --- Equipe ---------------------------------------------------------------------------------


def _exigir_equipe(request):
    if not request.user.is_authenticated:
        return False
    if not contas.pode_cadastrar(request.user):
        raise PermissionDenied
    return True


def cadastro_assistido(request):
    if not _exigir_equipe(request):
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    form = CadastroAssistidoForm(request.POST or None, pontos=contas.pontos_para_cadastro(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            empreendedor, codigo = contas.cadastro_assistido_criar(por=request.user, dados=form.cleaned_data)
        except ValidationError as erro:
            _erros_em_campos(form, erro)
        else:
            request.session[f"codigo_reivindicacao_{empreendedor.pk}"] = codigo
            messages.success(request, _("Cadastro feito. Entregue o código à pessoa."))
            return redirect("pontos:cadastro_assistido_detalhe", pk=empreendedor.pk)
    recentes = (
        contas.cadastrados_por_equipe(request.user).select_related("ponto_cadastro").order_by("-criado_em", "-pk")[:20]
    )
    return render(request, "pontos/conta/cadastro_assistido.html", {"form": form, "recentes": recentes})


def cadastro_assistido_detalhe(request, pk):
    if not _exigir_equipe(request):
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    empreendedor = contas.empreendedor_ler_para_equipe(
        usuario=request.user, pk=pk, finalidade="consulta do cadastro assistido"
    )
    codigo = request.session.pop(f"codigo_reivindicacao_{empreendedor.pk}", "")
    if request.method == "POST" and request.POST.get("acao") == "novo_codigo":
        codigo = contas.codigo_renovar(por=request.user, empreendedor=empreendedor)
        messages.success(request, _("Novo código gerado; o anterior deixou de valer."))
    return render(
        request, "pontos/conta/cadastro_assistido_detalhe.html", {"empreendedor": empreendedor, "codigo": codigo}
    )
