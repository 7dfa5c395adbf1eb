"""Telas de trabalho da equipe (Gestão): chamadas, avaliação, recursos, programação e projetos.

Tudo passa pelos selectors com escopo (``visiveis_para``/``obter_para``): objeto de outra
secretaria responde 404.
"""

import datetime
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cultura import selectors, services
from cultura.forms import (
    ApresentacaoForm,
    AvaliacaoForm,
    EnsaioForm,
    PublicoForm,
    RespostaRecursoForm,
    erros_do_servico,
)
from cultura.models import Artista, DocumentoProposta, EstadoChamada, EstadoProposta, Proposta
from pontos.escopo import obter_para
from pontos.gestao import eh_equipe


def equipe_requerida(view):
    @functools.wraps(view)
    @login_required
    def interna(request, *args, **kwargs):
        if not eh_equipe(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return interna


def _momento(data, hora):
    return timezone.make_aware(datetime.datetime.combine(data, hora))


@equipe_requerida
def chamadas(request):
    pagina = Paginator(selectors.chamadas_da_equipe(usuario=request.user), 30).get_page(request.GET.get("pagina"))
    return render(request, "cultura/gestao/chamada_list.html", {"pagina": pagina})


@equipe_requerida
def chamada(request, pk):
    chamada = selectors.chamada_da_equipe_obter(usuario=request.user, pk=pk)
    propostas = list(selectors.propostas_da_chamada_para_equipe(chamada=chamada, usuario=request.user))
    eh_avaliador = any(a.pk == request.user.pk for a in chamada.avaliadores.all())
    ranking = []
    # Avaliação cega: quem avalia só vê o ranking parcial depois de concluir todas as suas.
    if chamada.estado == EstadoChamada.AVALIACAO and (not eh_avaliador or all(p.minha_concluida for p in propostas)):
        ranking = selectors.ranking_calcular(chamada=chamada)
    return render(
        request,
        "cultura/gestao/chamada_detail.html",
        {"chamada": chamada, "propostas": propostas, "ranking": ranking, "eh_avaliador": eh_avaliador},
    )


ACOES = {
    "publicar": (services.chamada_publicar, _("Chamada publicada: as inscrições abrem na data marcada.")),
    "encerrar": (services.chamada_encerrar_inscricoes, _("Inscrições encerradas: a avaliação começou.")),
    "resultado": (services.resultado_publicar, _("Resultado preliminar publicado; o prazo de recurso começou.")),
    "final": (services.resultado_final_publicar, _("Resultado final publicado.")),
}


@equipe_requerida
def chamada_acao(request, pk):
    chamada = selectors.chamada_da_equipe_obter(usuario=request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    acao = ACOES.get(request.POST.get("acao", ""))
    if acao is None:
        messages.error(request, _("Ação desconhecida."))
        return redirect("cultura:gestao_chamada", pk=chamada.pk)
    servico, sucesso = acao
    try:
        servico(chamada=chamada, por=request.user)
    except ValidationError as erro:
        for mensagem in erro.messages:
            messages.error(request, mensagem)
    else:
        messages.success(request, sucesso)
    return redirect("cultura:gestao_chamada", pk=chamada.pk)


@equipe_requerida
def proposta(request, pk):
    proposta = selectors.proposta_da_equipe_obter(usuario=request.user, pk=pk)
    chamada = proposta.chamada
    minha, outras = selectors.avaliacoes_visiveis(proposta=proposta, usuario=request.user)
    eh_avaliador = any(a.pk == request.user.pk for a in chamada.avaliadores.all())
    pode_avaliar = (
        eh_avaliador
        and chamada.estado == EstadoChamada.AVALIACAO
        and proposta.estado == EstadoProposta.ENVIADA
        and not (minha and minha.concluida_em)
    )
    notas = {n.criterio_id: n for n in minha.notas.all()} if minha else {}
    form = None
    if pode_avaliar:
        form = AvaliacaoForm(request.POST or None, criterios=chamada.criterios.all(), notas=notas)
        if request.method == "POST" and form.is_valid():
            concluir = "concluir" in request.POST
            try:
                services.avaliacao_salvar(
                    proposta=proposta, avaliador=request.user, notas=form.notas(), concluir=concluir
                )
            except ValidationError as erro:
                erros_do_servico(form, erro)
            else:
                messages.success(request, _("Avaliação concluída.") if concluir else _("Notas salvas (rascunho)."))
                return redirect("cultura:gestao_proposta", pk=proposta.pk)
    return render(
        request,
        "cultura/gestao/proposta_detail.html",
        {
            "proposta": proposta,
            "chamada": chamada,
            "minha": minha,
            "minhas_notas": [notas[c.pk] for c in chamada.criterios.all() if c.pk in notas],
            "outras": outras,
            "form": form,
            "recurso": getattr(proposta, "recurso", None),
        },
        status=400 if form is not None and form.errors else 200,
    )


@equipe_requerida
def documento(request, pk):
    documento = obter_para(
        DocumentoProposta.objects.select_related("proposta__artista", "exigido"), usuario=request.user, pk=pk
    )
    nome = documento.arquivo.name.rsplit("/", 1)[-1]
    arquivo = services.documento_abrir(documento=documento, por=request.user)
    return FileResponse(arquivo, as_attachment=True, filename=nome)


@equipe_requerida
def recurso(request, pk):
    recurso = selectors.recurso_da_equipe_obter(usuario=request.user, pk=pk)
    form = RespostaRecursoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recurso_responder(recurso=recurso, por=request.user, **form.cleaned_data)
        except ValidationError as erro:
            erros_do_servico(form, erro)
        except PermissionDenied:
            form.add_error(None, _("Seu perfil não permite responder recursos."))
        else:
            messages.success(request, _("Resposta registrada; o proponente foi avisado."))
            return redirect("cultura:gestao_chamada", pk=recurso.proposta.chamada_id)
    return render(
        request,
        "cultura/gestao/recurso_form.html",
        {"recurso": recurso, "form": form if not recurso.respondido_em else None},
        status=400 if form.errors else 200,
    )


@equipe_requerida
def apresentacoes(request):
    pagina = Paginator(selectors.apresentacoes_da_equipe(usuario=request.user), 30).get_page(request.GET.get("pagina"))
    return render(request, "cultura/gestao/apresentacao_list.html", {"pagina": pagina})


@equipe_requerida
def apresentacao_nova(request):
    proposta = projeto = None
    if request.GET.get("projeto"):
        projeto = selectors.projeto_da_equipe_obter(usuario=request.user, pk=request.GET["projeto"])
    if request.GET.get("proposta"):
        proposta = obter_para(
            Proposta.objects.select_related("chamada", "artista"), usuario=request.user, pk=request.GET["proposta"]
        )
    artistas = (
        Artista.objects.filter(pk=proposta.artista_id) if proposta else Artista.objects.order_by("nome_artistico")
    )
    inicial = {}
    if proposta:
        inicial = {"artista": proposta.artista_id, "titulo": proposta.titulo, "cache": proposta.chamada.cache_valor}
    form = ApresentacaoForm(request.POST or None, artistas=artistas, usuario=request.user, initial=inicial)
    if request.method == "POST" and form.is_valid():
        dados = form.cleaned_data
        try:
            apresentacao = services.apresentacao_criar(
                artista=dados["artista"],
                espaco=dados["espaco"],
                inicio=_momento(dados["data"], dados["hora"]),
                duracao_minutos=dados["duracao_minutos"],
                titulo=dados["titulo"],
                descricao=dados["descricao"],
                cache=dados["cache"],
                proposta=proposta,
                projeto=projeto,
                por=request.user,
            )
        except ValidationError as erro:
            erros_do_servico(form, erro)
        except PermissionDenied:
            form.add_error(None, _("Seu perfil não permite marcar apresentações."))
        else:
            messages.success(request, _("Apresentação marcada e espaço reservado."))
            return redirect("cultura:gestao_apresentacao", pk=apresentacao.pk)
    return render(
        request,
        "cultura/gestao/apresentacao_form.html",
        {"form": form, "proposta": proposta, "projeto": projeto},
        status=400 if form.errors else 200,
    )


@equipe_requerida
def apresentacao(request, pk):
    apresentacao = selectors.apresentacao_da_equipe_obter(usuario=request.user, pk=pk)
    form = PublicoForm(request.POST or None, initial={"publico_estimado": apresentacao.publico_estimado})
    if request.method == "POST":
        try:
            if "cancelar" in request.POST:
                services.apresentacao_cancelar(apresentacao=apresentacao, por=request.user)
                messages.success(request, _("Apresentação cancelada e espaço liberado."))
                return redirect("cultura:gestao_apresentacao", pk=apresentacao.pk)
            if form.is_valid():
                services.apresentacao_publico_registrar(
                    apresentacao=apresentacao, publico=form.cleaned_data["publico_estimado"], por=request.user
                )
                messages.success(request, _("Público registrado."))
                return redirect("cultura:gestao_apresentacao", pk=apresentacao.pk)
        except ValidationError as erro:
            erros_do_servico(form, erro)
        except PermissionDenied:
            form.add_error(None, _("Seu perfil não permite alterar esta apresentação."))
    return render(
        request,
        "cultura/gestao/apresentacao_detail.html",
        {"apresentacao": apresentacao, "form": form, "passou": apresentacao.inicio <= timezone.now()},
        status=400 if form.errors else 200,
    )


@equipe_requerida
def projeto(request, pk):
    projeto = selectors.projeto_da_equipe_obter(usuario=request.user, pk=pk)
    form = EnsaioForm(request.POST if "ensaio" in request.POST else None, usuario=request.user)
    if request.method == "POST":
        try:
            if "avancar" in request.POST:
                services.projeto_etapa_avancar(projeto=projeto, por=request.user)
                messages.success(request, _("Etapa atualizada."))
                return redirect("cultura:gestao_projeto", pk=projeto.pk)
            if form.is_valid():
                dados = form.cleaned_data
                services.ensaio_agendar(
                    projeto=projeto,
                    espaco=dados["espaco"],
                    inicio=_momento(dados["data"], dados["hora_inicio"]),
                    fim=_momento(dados["data"], dados["hora_fim"]),
                    por=request.user,
                )
                messages.success(request, _("Ensaio agendado e sala reservada."))
                return redirect("cultura:gestao_projeto", pk=projeto.pk)
        except ValidationError as erro:
            if "avancar" in request.POST:
                for mensagem in erro.messages:
                    messages.error(request, mensagem)
                return redirect("cultura:gestao_projeto", pk=projeto.pk)
            erros_do_servico(form, erro)
        except PermissionDenied:
            form.add_error(None, _("Seu perfil não permite alterar este projeto."))
    return render(
        request,
        "cultura/gestao/projeto_detail.html",
        {"projeto": projeto, "form": form},
        status=400 if form.errors else 200,
    )
