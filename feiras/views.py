"""Páginas públicas e de Minha conta (empreendedor[a]) das feiras."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feiras import selectors, services
from feiras.forms import InscricaoForm, RelatoForm
from feiras.models import Inscricao, StatusInscricao
from feiras.services import ALGORITMO_SORTEIO
from pontos.cache_publico import cache_publico


def _empreendedor(request):
    pessoa = getattr(request.user, "empreendedor", None)
    if pessoa is None:
        raise Http404
    return pessoa


@cache_publico
def feira_lista(request):
    pagina = Paginator(selectors.feiras_publicas(), 20).get_page(request.GET.get("pagina"))
    return render(request, "feiras/feira_list.html", {"pagina": pagina})


def _feira_publica(pk):
    feira = selectors.feira_publica_obter(pk)
    if feira is None:
        raise Http404
    return feira


@cache_publico
def feira_publica(request, pk):
    feira = _feira_publica(pk)
    contexto = {
        "feira": feira,
        "categorias": list(feira.categorias.all()),
        "mapa": selectors.mapa_montar(feira=feira),
        "programacao": selectors.programacao_cultural(feira=feira),
        "tem_sorteio": hasattr(feira, "sorteio"),
    }
    return render(request, "feiras/feira_detail.html", contexto)


@cache_publico
def sorteio_publico(request, pk):
    feira = _feira_publica(pk)
    sorteio = getattr(feira, "sorteio", None)
    if sorteio is None:
        raise Http404
    pagina = Paginator(sorteio.ordem, 200).get_page(request.GET.get("pagina"))
    inicio = pagina.start_index()
    linhas = selectors.sorteio_linhas(sorteio=sorteio, itens=list(pagina.object_list))
    for deslocamento, linha in enumerate(linhas):
        linha["posicao"] = inicio + deslocamento
    contexto = {
        "feira": feira,
        "sorteio": sorteio,
        "pagina": pagina,
        "linhas": linhas,
        "algoritmo": ALGORITMO_SORTEIO.replace("{semente}", sorteio.semente),
        "categorias": dict(feira.categorias.values_list("categoria", "cota")),
    }
    return render(request, "feiras/sorteio.html", contexto)


def sorteio_csv(request, pk):
    """A lista publicada inteira, sem nomes: número da inscrição, categoria e pontuação bastam para refazer."""
    import csv
    import io

    from django.http import HttpResponse

    from feiras.services import chave_sorteio

    feira = _feira_publica(pk)
    sorteio = getattr(feira, "sorteio", None)
    if sorteio is None:
        raise Http404
    saida = io.StringIO()
    escritor = csv.writer(saida)
    escritor.writerow(["ordem", "inscricao", "categoria", "pontuacao", "sha256", "resultado", "posicao_espera"])
    for posicao, item in enumerate(sorteio.ordem, start=1):
        escritor.writerow(
            [
                posicao,
                item["id"],
                item["categoria"],
                item["pontuacao"],
                chave_sorteio(sorteio.semente, item["id"]),
                item["resultado"],
                item.get("posicao_espera") or "",
            ]
        )
    resposta = HttpResponse(saida.getvalue(), content_type="text/csv; charset=utf-8")
    resposta["Content-Disposition"] = f'attachment; filename="sorteio-feira-{feira.pk}-{sorteio.semente}.csv"'
    return resposta


@login_required
def inscricao_criar(request, pk):
    lida = selectors.feira_para_inscricao(pk)
    if lida is None:
        raise Http404
    feira, categorias = lida
    pessoa = getattr(request.user, "empreendedor", None)
    if pessoa is None:
        messages.info(request, _("Para se inscrever, complete primeiro seu cadastro de empreendedor(a)."))
        return redirect("pontos:perfil_editar")
    impedimentos = []
    form = InscricaoForm(request.POST or None, feira=feira, categorias=categorias)
    if request.method == "POST" and form.is_valid():
        try:
            inscricao = services.inscricao_criar(
                feira=feira,
                empreendedor=pessoa,
                categoria=form.cleaned_data["categoria"],
                produtos=form.cleaned_data["produtos"],
            )
        except services.Inelegivel as erro:
            impedimentos = erro.impedimentos
        except ValidationError as erro:
            if getattr(erro, "code", None) == "duplicada":
                return _ja_inscrita(request, feira, pessoa)
            if hasattr(erro, "error_dict"):
                for campo, lista in erro.message_dict.items():
                    form.add_error(campo if campo in form.fields else None, lista)
            else:
                form.add_error(None, erro.messages)
        else:
            messages.success(request, _("Inscrição recebida! Avisaremos o resultado por e-mail e em Minha conta."))
            return redirect("feiras:inscricao_detalhe", pk=inscricao.pk)
    elif request.method == "GET" and Inscricao.objects.filter(feira=feira, empreendedor=pessoa).exists():
        return _ja_inscrita(request, feira, pessoa)
    if request.method == "GET" and not feira.inscricoes_abertas:
        impedimentos = services.elegibilidade_verificar(feira=feira, categoria=None, empreendedor=pessoa)[:1]
    return render(
        request,
        "feiras/inscricao_form.html",
        {"feira": feira, "form": form, "impedimentos": impedimentos, "categorias": form.fields["categoria"].queryset},
    )


def _ja_inscrita(request, feira, pessoa):
    """Toque duplo ou volta ao formulário: leva à inscrição que já existe, sem erro."""
    existente = Inscricao.objects.filter(feira=feira, empreendedor=pessoa).values_list("pk", flat=True).first()
    messages.info(request, _("Você já tem uma inscrição nesta feira: acompanhe-a aqui."))
    return redirect("feiras:inscricao_detalhe", pk=existente)


@login_required
def minhas_inscricoes(request):
    pessoa = _empreendedor(request)
    pagina = Paginator(selectors.inscricoes_da_pessoa(empreendedor=pessoa), 20).get_page(request.GET.get("pagina"))
    return render(request, "feiras/minhas_inscricoes.html", {"pagina": pagina})


@login_required
def inscricao_detalhe(request, pk):
    pessoa = _empreendedor(request)
    inscricao = selectors.inscricao_da_pessoa_obter(empreendedor=pessoa, pk=pk)
    alocacao = getattr(inscricao, "alocacao", None)
    contexto = {
        "inscricao": inscricao,
        "feira": inscricao.feira,
        "alocacao": alocacao,
        "mapa": selectors.mapa_montar(feira=inscricao.feira, destaque_banca_id=alocacao.banca_id if alocacao else None)
        if alocacao
        else None,
        "programacao": selectors.programacao_cultural(feira=inscricao.feira),
        "relato": getattr(inscricao, "relato", None),
        "pode_relatar": inscricao.status in {StatusInscricao.PRESENTE, StatusInscricao.APROVADA}
        and inscricao.feira.data <= timezone.localdate(),
    }
    return render(request, "feiras/inscricao_detail.html", contexto)


@login_required
def inscricao_cancelar(request, pk):
    pessoa = _empreendedor(request)
    inscricao = selectors.inscricao_da_pessoa_obter(empreendedor=pessoa, pk=pk)
    if request.method == "POST":
        try:
            services.inscricao_cancelar(inscricao=inscricao, empreendedor=pessoa)
        except ValidationError as erro:
            messages.error(request, " ".join(erro.messages))
        else:
            messages.success(request, _("Inscrição cancelada. Obrigado por avisar!"))
        return redirect("feiras:inscricao_detalhe", pk=inscricao.pk)
    return render(request, "feiras/inscricao_cancelar.html", {"inscricao": inscricao, "feira": inscricao.feira})


@login_required
@require_POST
def inscricao_confirmar(request, pk):
    pessoa = _empreendedor(request)
    inscricao = selectors.inscricao_da_pessoa_obter(empreendedor=pessoa, pk=pk)
    try:
        services.inscricao_confirmar_presenca(inscricao=inscricao, empreendedor=pessoa)
    except ValidationError as erro:
        messages.error(request, " ".join(erro.messages))
    else:
        messages.success(request, _("Presença confirmada. Até a feira!"))
    return redirect("feiras:inscricao_detalhe", pk=inscricao.pk)


@login_required
def relato_vendas(request, pk):
    pessoa = _empreendedor(request)
    inscricao = selectors.inscricao_da_pessoa_obter(empreendedor=pessoa, pk=pk)
    relato = getattr(inscricao, "relato", None)
    form = RelatoForm(request.POST or None, instance=relato)
    if request.method == "POST" and form.is_valid():
        dados = form.cleaned_data
        try:
            services.relato_salvar(
                inscricao=inscricao,
                empreendedor=pessoa,
                valor_bruto=dados["valor_bruto"],
                dinheiro=dados["dinheiro"],
                pix=dados["pix"],
                cartao=dados["cartao"],
                outros=dados["outros"],
                notas=dados["notas"],
            )
        except ValidationError as erro:
            form.add_error(None, erro.messages)
        else:
            messages.success(request, _("Vendas registradas. Obrigado!"))
            return redirect("feiras:inscricao_detalhe", pk=inscricao.pk)
    return render(request, "feiras/relato_form.html", {"form": form, "inscricao": inscricao, "feira": inscricao.feira})
