"""Views do Painel de Governo: finas — leem filtros, chamam selectors/serviços, renderizam."""

import functools
import hashlib

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from governo import exportar, selectors, services, visoes
from governo.forms import FiltroForm
from governo.models import Relatorio
from pontos.escopo import eh_governo, obter_para


def equipe_requerida(view):
    """Anônimo vai ao login; conta sem vínculo de equipe (empreendedor, cidadão) leva 403."""

    @functools.wraps(view)
    def embrulho(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.pode_ver_painel(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return embrulho


def _filtros(request, atualizacao=None):
    form = FiltroForm(request.GET or None, usuario=request.user, atualizacao=atualizacao)
    if form.is_bound:
        form.is_valid()
    return form, form.filtros()


def _contexto(request, visao, form, filtros, dados, atualizacao):
    return {
        "visao": visao,
        "titulo_pagina": visoes.VISOES[visao],
        "visoes": [(v, visoes.VISOES[v]) for v in visoes.visoes_permitidas(request.user)],
        "form": form,
        "filtros": filtros,
        "atualizacao": atualizacao,
        "eh_governo": eh_governo(request.user),
        "consulta": request.GET.urlencode(),
        **dados,
    }


def _visao(request, visao):
    if visao not in visoes.visoes_permitidas(request.user):
        raise PermissionDenied
    atualizacao = selectors.ultima_atualizacao()
    chave = _chave_pagina(request, visao, atualizacao)
    resposta = cache.get(chave) if chave else None
    if resposta is None:
        resposta = _visao_montar(request, visao, atualizacao)
        if chave and resposta.status_code == 200 and not resposta.cookies:
            cache.set(chave, resposta, settings.GOVERNO_PAGINA_SEGUNDOS)
    return resposta


def _chave_pagina(request, visao, atualizacao):
    """A página pronta de quem pede, até o próximo resumo: os números só mudam quando ele é refeito.

    A chave leva o escopo (vínculos), a sessão e o cookie CSRF (a página tem o formulário do
    relatório PDF, com o token dessa pessoa) além do caminho com os filtros; as permissões são
    conferidas antes, a cada pedido. Sem resumo calculado, ou com mensagens
    a mostrar, a página é montada na hora.
    """
    sessao = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not settings.GOVERNO_PAGINA_SEGUNDOS or atualizacao is None or not sessao or "messages" in request.COOKIES:
        return None
    partes = (
        atualizacao.pk,
        visao,
        visoes.chave_escopo(request.user),  # vínculo mudou: outra página
        sessao,
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        request.get_full_path(),
    )
    return "governo:pagina:" + hashlib.sha256(repr(partes).encode()).hexdigest()


def _visao_montar(request, visao, atualizacao):
    form, filtros = _filtros(request, atualizacao)
    dados = visoes.montar_em_cache(visao, usuario=request.user, filtros=filtros, atualizacao=atualizacao)
    contexto = _contexto(request, visao, form, filtros, dados, atualizacao)
    contexto["chave_html"] = visoes.chave_visao(visao, usuario=request.user, filtros=filtros, atualizacao=atualizacao)
    # Sem resumo calculado não há o que guardar (tempo 0: o cache não grava).
    contexto["segundos_html"] = 20 * 60 if atualizacao else 0
    return render(request, f"governo/{visao}.html", contexto)


@require_GET
@equipe_requerida
def painel(request):
    return _visao(request, "painel")


@require_GET
@equipe_requerida
def sustentabilidade(request):
    return _visao(request, "sustentabilidade")


@require_GET
@equipe_requerida
def trajetorias(request):
    return _visao(request, "trajetorias")


@require_GET
@equipe_requerida
def equidade(request):
    return _visao(request, "equidade")


@require_GET
@equipe_requerida
def exportar_visao(request):
    """CSV ou XLSX de qualquer visão (``visao=painel|…|dados``), com os filtros da URL."""
    visao = request.GET.get("visao", "painel")
    formato = request.GET.get("formato", "csv")
    if formato not in {"csv", "xlsx"} or (visao != "dados" and visao not in visoes.visoes_permitidas(request.user)):
        raise Http404
    _form, filtros = _filtros(request)
    if visao == "dados":
        linhas = exportar.linhas_dados(usuario=request.user, filtros=filtros)
    else:
        tabelas = visoes.montar(visao, usuario=request.user, filtros=filtros)["tabelas"]
        cabecalho = [["Painel de Governo — Rede de Pontos de Geração de Renda"], [f"Período: {filtros.periodo.rotulo}"]]
        cabecalho += [[f"{k}: {v}"] for k, v in filtros.rotulos.items()]
        linhas = exportar.linhas_tabelas(tabelas, cabecalho=[*cabecalho, []])
    nome = f"governo-{visao}-{filtros.periodo.inicio:%Y%m}-{filtros.periodo.fim:%Y%m}"
    if formato == "csv":
        resposta = StreamingHttpResponse(exportar.csv_fluxo(linhas), content_type="text/csv; charset=utf-8")
        resposta["Content-Disposition"] = f'attachment; filename="{nome}.csv"'
        return resposta
    return FileResponse(
        exportar.xlsx_arquivo(linhas, titulo=str(visoes.VISOES.get(visao, "Dados"))),
        as_attachment=True,
        filename=f"{nome}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@require_POST
@equipe_requerida
def relatorio_pedir(request):
    """Pede o PDF da visão atual; a geração roda no Celery e a página mostra o progresso."""
    form = FiltroForm(request.POST, usuario=request.user)
    form.is_valid()
    filtros = {k: v for k, v in request.POST.items() if k in form.fields and v}
    relatorio = services.relatorio_pedir(usuario=request.user, filtros=filtros)
    return HttpResponseRedirect(reverse("governo:relatorio_detalhe", kwargs={"pk": relatorio.pk}))


@require_GET
@equipe_requerida
def relatorio_detalhe(request, pk):
    relatorio = obter_para(Relatorio.objects, usuario=request.user, pk=pk)
    return render(
        request,
        "governo/relatorio_detalhe.html",
        {"relatorio": relatorio, "atualizar": relatorio.situacao in {"pendente", "gerando"}},
    )


@require_GET
@equipe_requerida
def relatorio_baixar(request, pk):
    relatorio = obter_para(Relatorio.objects, usuario=request.user, pk=pk)
    if relatorio.situacao != Relatorio.Situacao.PRONTO or not relatorio.arquivo:
        raise Http404
    return FileResponse(
        relatorio.arquivo.open("rb"),
        as_attachment=True,
        filename=f"relatorio-governo-{relatorio.criado_em:%Y%m%d}-{relatorio.pk}.pdf",
        content_type="application/pdf",
    )


# ---------------------------------------------------------------- dados abertos (público)


@require_GET
def dados_abertos(request):
    inicio, fim = services.janela_resumo()
    return render(
        request,
        "governo/dados_abertos.html",
        {
            "programas": [(p, exportar.nome_arquivo(p)) for p in exportar.programas_abertos()],
            "anos": list(range(fim.year, inicio.year - 1, -1)),
            "campos": exportar.CAMPOS_ABERTOS,
            "atualizacao": selectors.ultima_atualizacao(),
        },
    )


@require_GET
def dados_abertos_csv(request):
    programa = request.GET.get("programa", "")
    if programa not in exportar.programas_abertos():
        raise Http404
    try:
        ano = int(request.GET.get("ano") or 0) or None
    except ValueError:
        raise Http404 from None
    nome = exportar.nome_arquivo(programa) + (f"-{ano}" if ano else "")
    resposta = StreamingHttpResponse(
        exportar.csv_fluxo(exportar.linhas_abertas(programa=programa, ano=ano)), content_type="text/csv; charset=utf-8"
    )
    resposta["Content-Disposition"] = f'attachment; filename="{nome}.csv"'
    return resposta


@require_GET
def dados_abertos_zip(request):
    return FileResponse(
        exportar.zip_arquivo(),
        as_attachment=True,
        filename=f"dados-abertos-rede-pontos-{timezone.localdate():%Y%m%d}.zip",
        content_type="application/zip",
    )
