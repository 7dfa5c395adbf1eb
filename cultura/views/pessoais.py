"""Minha conta (Cultura): perfil artístico, propostas e recursos. Só o dono vê; os outros, 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cultura import selectors, services
from cultura.forms import ArtistaForm, DocumentoForm, FotoForm, MembroForm, PropostaForm, RecursoForm, erros_do_servico
from cultura.models import Artista, Chamada, FotoArtista, MembroColetivo


def _pessoa(request):
    return getattr(request.user, "empreendedor", None)


def _sem_cadastro(request):
    messages.info(request, _("Complete o seu cadastro para criar um perfil artístico."))
    return redirect(f"{reverse('pontos:perfil_editar')}?next={request.path}")


def _meu_artista(request, pk):
    return selectors.obter_para_pessoa(
        Artista.objects.prefetch_related("fotos", "membros"), campo="responsavel", empreendedor=_pessoa(request), pk=pk
    )


@login_required
def perfil_artistico(request):
    pessoa = _pessoa(request)
    if pessoa is None:
        return _sem_cadastro(request)
    return render(
        request,
        "cultura/perfil_artistico.html",
        {
            "artistas": list(selectors.artistas_da_pessoa(pessoa)),
            "minhas_apresentacoes": selectors.apresentacoes_da_pessoa(pessoa),
        },
    )


@login_required
def artista_novo(request):
    pessoa = _pessoa(request)
    if pessoa is None:
        return _sem_cadastro(request)
    form = ArtistaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            artista = services.artista_criar(responsavel=pessoa, dados=form.dados())
        except ValidationError as erro:
            erros_do_servico(form, erro)
        else:
            messages.success(request, _("Perfil artístico criado. Acrescente fotos e, se for coletivo, os membros."))
            return redirect("cultura:artista_editar", pk=artista.pk)
    return render(request, "cultura/artista_form.html", {"form": form})


@login_required
def artista_editar(request, pk):
    artista = _meu_artista(request, pk)
    form = ArtistaForm(request.POST or None, instance=artista)
    if request.method == "POST" and form.is_valid():
        try:
            services.artista_atualizar(artista=artista, dados=form.dados())
        except ValidationError as erro:
            erros_do_servico(form, erro)
        else:
            messages.success(request, _("Perfil atualizado."))
            return redirect("cultura:artista_editar", pk=artista.pk)
    return render(
        request,
        "cultura/artista_form.html",
        {"form": form, "artista": artista, "foto_form": FotoForm(), "membro_form": MembroForm()},
    )


@login_required
def artista_foto_adicionar(request, pk):
    artista = _meu_artista(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    foto_form = FotoForm(request.POST, request.FILES)
    if foto_form.is_valid():
        try:
            services.artista_foto_adicionar(
                artista=artista, arquivo=foto_form.cleaned_data["imagem"], legenda=foto_form.cleaned_data["legenda"]
            )
        except ValidationError as erro:
            erros_do_servico(foto_form, erro)
        else:
            messages.success(request, _("Foto enviada."))
            return redirect("cultura:artista_editar", pk=artista.pk)
    return render(
        request,
        "cultura/artista_form.html",
        {
            "form": ArtistaForm(instance=artista),
            "artista": artista,
            "foto_form": foto_form,
            "membro_form": MembroForm(),
        },
        status=400,
    )


@login_required
def artista_foto_remover(request, pk):
    foto = get_object_or_404(
        FotoArtista.objects.select_related("artista"), pk=pk, artista__responsavel=_pessoa(request) or -1
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    artista_pk = foto.artista_id
    services.artista_foto_remover(foto=foto)
    messages.success(request, _("Foto removida."))
    return redirect("cultura:artista_editar", pk=artista_pk)


@login_required
def artista_membro_adicionar(request, pk):
    artista = _meu_artista(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    membro_form = MembroForm(request.POST)
    if membro_form.is_valid():
        try:
            services.membro_adicionar(artista=artista, **membro_form.cleaned_data)
        except ValidationError as erro:
            erros_do_servico(membro_form, erro)
        else:
            messages.success(request, _("Membro acrescentado."))
            return redirect("cultura:artista_editar", pk=artista.pk)
    return render(
        request,
        "cultura/artista_form.html",
        {
            "form": ArtistaForm(instance=artista),
            "artista": artista,
            "foto_form": FotoForm(),
            "membro_form": membro_form,
        },
        status=400,
    )


@login_required
def artista_membro_remover(request, pk):
    membro = get_object_or_404(MembroColetivo, pk=pk, artista__responsavel=_pessoa(request) or -1)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    artista_pk = membro.artista_id
    services.membro_remover(membro=membro)
    messages.success(request, _("Membro removido."))
    return redirect("cultura:artista_editar", pk=artista_pk)


@login_required
def minhas_propostas(request):
    pessoa = _pessoa(request)
    if pessoa is None:
        return _sem_cadastro(request)
    return render(request, "cultura/minhas_propostas.html", {"propostas": list(selectors.propostas_da_pessoa(pessoa))})


@login_required
def proposta_nova(request, pk):
    """Proposta para uma chamada aberta: qualquer pessoa com perfil artístico (pública por desenho)."""
    chamada = get_object_or_404(Chamada.objects.publicas(), pk=pk)
    pessoa = _pessoa(request)
    if pessoa is None:
        return _sem_cadastro(request)
    artistas = selectors.artistas_da_pessoa(pessoa)
    if not artistas.exists():
        messages.info(request, _("Crie primeiro o seu perfil artístico para enviar uma proposta."))
        return redirect("cultura:artista_novo")
    if not chamada.inscricoes_abertas:
        messages.error(request, _("As inscrições desta chamada não estão abertas."))
        return redirect(chamada)
    form = PropostaForm(request.POST or None, artistas=artistas, initial={"artista": artistas.first()})
    if request.method == "POST" and form.is_valid():
        try:
            proposta = services.proposta_salvar(chamada=chamada, pessoa=pessoa, **form.cleaned_data)
        except ValidationError as erro:
            erros_do_servico(form, erro)
        else:
            messages.success(request, _("Rascunho salvo. Envie os documentos e depois a proposta."))
            return redirect("cultura:proposta_editar", pk=proposta.pk)
    return render(request, "cultura/proposta_form.html", {"form": form, "chamada": chamada})


def _contexto_proposta(proposta, **extra):
    enviados = {d.exigido_id: d for d in proposta.documentos.all()}
    exigidos = [(d, enviados.get(d.pk)) for d in proposta.chamada.documentos_exigidos.all()]
    return {"proposta": proposta, "chamada": proposta.chamada, "exigidos": exigidos, **extra}


@login_required
def proposta_editar(request, pk):
    pessoa = _pessoa(request)
    proposta = selectors.proposta_da_pessoa_obter(empreendedor=pessoa, pk=pk)
    artistas = selectors.artistas_da_pessoa(pessoa)
    inicial = {"artista": proposta.artista_id, "titulo": proposta.titulo, "resumo": proposta.resumo}
    form = PropostaForm(
        request.POST if request.method == "POST" and "salvar" in request.POST else None,
        artistas=artistas,
        initial=inicial,
    )
    documento_form = DocumentoForm(exigidos=proposta.chamada.documentos_exigidos.all())
    if request.method == "POST" and "documento" in request.POST:
        documento_form = DocumentoForm(request.POST, request.FILES, exigidos=proposta.chamada.documentos_exigidos.all())
        if documento_form.is_valid():
            try:
                services.proposta_documento_enviar(
                    proposta=proposta,
                    exigido=documento_form.cleaned_data["exigido"],
                    arquivo=documento_form.cleaned_data["arquivo"],
                    pessoa=pessoa,
                )
            except ValidationError as erro:
                erros_do_servico(documento_form, erro)
            else:
                messages.success(request, _("Documento enviado."))
                return redirect("cultura:proposta_editar", pk=proposta.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            services.proposta_salvar(chamada=proposta.chamada, pessoa=pessoa, proposta=proposta, **form.cleaned_data)
        except ValidationError as erro:
            erros_do_servico(form, erro)
        else:
            messages.success(request, _("Rascunho salvo."))
            return redirect("cultura:proposta_editar", pk=proposta.pk)
    status = 400 if request.method == "POST" else 200
    recurso = getattr(proposta, "recurso", None)
    return render(
        request,
        "cultura/proposta_detail.html",
        _contexto_proposta(
            proposta,
            form=form,
            documento_form=documento_form,
            recurso=recurso,
            recurso_form=RecursoForm() if proposta.chamada.recurso_aberto and recurso is None else None,
        ),
        status=status,
    )


@login_required
def proposta_enviar(request, pk):
    pessoa = _pessoa(request)
    proposta = selectors.proposta_da_pessoa_obter(empreendedor=pessoa, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.proposta_enviar(proposta=proposta, pessoa=pessoa)
    except ValidationError as erro:
        for mensagem in erro.messages:
            messages.error(request, mensagem)
    else:
        messages.success(request, _("Proposta enviada! Você será avisado(a) a cada etapa."))
    return redirect("cultura:proposta_editar", pk=proposta.pk)


@login_required
def recurso_criar(request, pk):
    pessoa = _pessoa(request)
    proposta = selectors.proposta_da_pessoa_obter(empreendedor=pessoa, pk=pk)
    form = RecursoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recurso_criar(proposta=proposta, texto=form.cleaned_data["texto"], pessoa=pessoa)
        except ValidationError as erro:
            erros_do_servico(form, erro)
        else:
            messages.success(request, _("Recurso enviado. A equipe vai respondê-lo antes do resultado final."))
            return redirect("cultura:proposta_editar", pk=proposta.pk)
    if not proposta.chamada.recurso_aberto and request.method == "GET":
        raise Http404
    return render(
        request, "cultura/recurso_form.html", {"form": form, "proposta": proposta}, status=400 if form.errors else 200
    )
