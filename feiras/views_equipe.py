"""Páginas da equipe (Gestão) das feiras: views comuns, com escopo por ``visiveis_para``."""

import csv
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feiras import exportacao, selectors, services
from feiras.filters import InscricaoFilter, filtrar_por_nome_ou_cpf
from feiras.forms import (
    BancaFormSet,
    CancelarFeiraForm,
    CategoriaForm,
    FeiraEditarForm,
    FeiraForm,
    GerarBancasForm,
    LayoutForm,
    LoteForm,
)
from feiras.models import Banca, Feira, Inscricao, LayoutBancas, StatusInscricao
from pontos.escopo import obter_para
from pontos.gestao import eh_equipe
from pontos.models import AcessoDadosPessoais


def equipe_requerida(view):
    @functools.wraps(view)
    @login_required
    def interna(request, *args, **kwargs):
        if not eh_equipe(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return interna


def _feira(request, pk):
    return obter_para(Feira.objects.select_related("ponto", "secretaria", "espaco"), usuario=request.user, pk=pk)


def _pode_editar(request, feira):
    return Feira.objects.filter(pk=feira.pk).editaveis_por(request.user).exists()


def _erros_no_form(form, erro):
    if hasattr(erro, "error_dict"):
        for campo, lista in erro.message_dict.items():
            form.add_error(campo if campo in form.fields else None, lista)
    else:
        form.add_error(None, erro.messages)


@equipe_requerida
def feiras_lista(request):
    pagina = Paginator(selectors.feiras_da_equipe(usuario=request.user), 25).get_page(request.GET.get("pagina"))
    return render(request, "feiras/equipe/feira_list.html", {"pagina": pagina})


@equipe_requerida
def feira_criar(request):
    form = FeiraForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dados = dict(form.cleaned_data)
        try:
            feiras = services.feira_criar(por=request.user, **dados)
        except ValidationError as erro:
            _erros_no_form(form, erro)
        else:
            messages.success(
                request, _("%(n)d edição(ões) criada(s), com a área de feira reservada.") % {"n": len(feiras)}
            )
            return redirect("feiras:gestao_categorias", pk=feiras[0].pk)
    return render(request, "feiras/equipe/feira_form.html", {"form": form, "titulo": _("Nova feira")})


@equipe_requerida
def feira_detalhe(request, pk):
    feira = _feira(request, pk)
    contexto = {
        "feira": feira,
        "contagem": selectors.contagem_por_status(feira=feira),
        "categorias": list(feira.categorias.all()),
        "pode_editar": _pode_editar(request, feira),
        "tem_sorteio": feira.alocada_em is not None,
        "edicoes": Feira.objects.visiveis_para(request.user).filter(serie=feira.serie).exclude(pk=feira.pk)
        if feira.serie
        else [],
        "cancelar_form": CancelarFeiraForm(),
    }
    return render(request, "feiras/equipe/feira_detail.html", contexto)


@equipe_requerida
def feira_editar(request, pk):
    feira = _feira(request, pk)
    form = FeiraEditarForm(request.POST or None, instance=feira)
    if request.method == "POST" and form.is_valid():
        try:
            services.feira_alterar(
                feira=feira, por=request.user, **{c: form.cleaned_data[c] for c in form.changed_data}
            )
        except ValidationError as erro:
            _erros_no_form(form, erro)
        else:
            messages.success(request, _("Edição alterada."))
            return redirect("feiras:gestao_feira", pk=feira.pk)
    return render(
        request, "feiras/equipe/feira_form.html", {"form": form, "feira": feira, "titulo": _("Alterar edição")}
    )


@equipe_requerida
@require_POST
def feira_cancelar(request, pk):
    feira = _feira(request, pk)
    form = CancelarFeiraForm(request.POST)
    if form.is_valid():
        services.feira_cancelar(feira=feira, por=request.user, motivo=form.cleaned_data["motivo"])
        messages.success(
            request, _("Edição cancelada; a reserva do espaço foi liberada e os inscritos serão avisados.")
        )
    else:
        messages.error(request, _("Escreva o motivo do cancelamento."))
    return redirect("feiras:gestao_feira", pk=feira.pk)


@equipe_requerida
def categorias(request, pk):
    feira = _feira(request, pk)
    form = CategoriaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.categoria_salvar(feira=feira, por=request.user, **form.cleaned_data)
        except ValidationError as erro:
            _erros_no_form(form, erro)
        else:
            messages.success(request, _("Categoria acrescentada."))
            return redirect("feiras:gestao_categorias", pk=feira.pk)
    return render(
        request,
        "feiras/equipe/categorias.html",
        {"feira": feira, "form": form, "categorias": list(feira.categorias.all())},
    )


@equipe_requerida
def layout_editar(request, pk):
    feira = _feira(request, pk)
    if not _pode_editar(request, feira) and request.method == "POST":
        raise PermissionDenied
    layout = services.layout_garantir(ponto=feira.ponto, secretaria=feira.secretaria)
    layout = LayoutBancas.objects.select_related("ponto").get(pk=layout.pk)
    bancas = Banca.objects.filter(layout=layout).order_by("numero")
    grade_form = LayoutForm(instance=layout, prefix="grade")
    gerar_form = GerarBancasForm(prefix="gerar")
    formset = BancaFormSet(queryset=bancas, prefix="bancas")
    if request.method == "POST":
        acao = request.POST.get("acao")
        try:
            with transaction.atomic():
                if acao == "grade":
                    grade_form = LayoutForm(request.POST, instance=layout, prefix="grade")
                    if grade_form.is_valid():
                        fora = bancas.filter(x__gt=grade_form.cleaned_data["colunas"]) | bancas.filter(
                            y__gt=grade_form.cleaned_data["linhas"]
                        )
                        if fora.exists():
                            grade_form.add_error(None, _("Há bancas fora da nova grade; mova-as antes."))
                        else:
                            grade_form.save()
                            messages.success(request, _("Grade atualizada."))
                            return redirect("feiras:gestao_layout", pk=feira.pk)
                elif acao == "gerar":
                    gerar_form = GerarBancasForm(request.POST, prefix="gerar")
                    if gerar_form.is_valid():
                        services.layout_gerar_grade(layout=layout, **gerar_form.cleaned_data)
                        messages.success(request, _("Bancas acrescentadas."))
                        return redirect("feiras:gestao_layout", pk=feira.pk)
                elif acao == "bancas":
                    formset = BancaFormSet(request.POST, queryset=bancas, prefix="bancas")
                    if formset.is_valid():
                        for form in formset.forms:
                            if form.cleaned_data["x"] > layout.colunas or form.cleaned_data["y"] > layout.linhas:
                                form.add_error("x", _("Posição fora da grade."))
                        if all(f.is_valid() and not f.errors for f in formset.forms):
                            formset.save()
                            messages.success(request, _("Bancas salvas."))
                            return redirect("feiras:gestao_layout", pk=feira.pk)
        except ValidationError as erro:
            messages.error(request, " ".join(erro.messages))
    contexto = {
        "feira": feira,
        "layout": layout,
        "grade_form": grade_form,
        "gerar_form": gerar_form,
        "formset": formset,
        "mapa": selectors.mapa_montar(ponto=feira.ponto),
    }
    return render(request, "feiras/equipe/layout.html", contexto)


@equipe_requerida
def inscricoes(request, pk):
    feira = _feira(request, pk)
    filtro = InscricaoFilter(
        request.GET or None, queryset=selectors.fila_inscricoes(feira=feira), request=request, feira=feira
    )
    lote_form = LoteForm(request.POST or None)
    if request.method == "POST":
        ids = [i for i in request.POST.getlist("inscricoes") if i.isdigit()]
        if lote_form.is_valid() and ids:
            escolhidas = list(Inscricao.objects.visiveis_para(request.user).filter(feira=feira, pk__in=ids))
            try:
                feitas, falhas = services.inscricoes_em_lote(
                    acao=lote_form.cleaned_data["acao"],
                    inscricoes=escolhidas,
                    por=request.user,
                    motivo=lote_form.cleaned_data["motivo"],
                )
            except ValidationError as erro:
                _erros_no_form(lote_form, erro)
            else:
                messages.success(request, _("%(n)d inscrição(ões) atualizada(s).") % {"n": feitas})
                for inscricao, motivo in falhas:
                    messages.warning(request, f"#{inscricao.pk}: {motivo}")
                return redirect(request.get_full_path())
        elif not ids:
            lote_form.add_error(None, _("Marque ao menos uma inscrição."))
    pagina = Paginator(filtro.qs, 50).get_page(request.GET.get("pagina"))
    AcessoDadosPessoais.objects.create(usuario=request.user, empreendedor=None, finalidade=f"fila da feira {feira.pk}")
    contexto = {
        "feira": feira,
        "filtro": filtro,
        "pagina": pagina,
        "lote_form": lote_form,
        "mostrar_cpf": services.eh_gestor(request.user, feira.secretaria_id),
        "pode_editar": _pode_editar(request, feira),
    }
    return render(request, "feiras/equipe/inscricoes.html", contexto)


@equipe_requerida
@require_POST
def alocar(request, pk):
    feira = _feira(request, pk)
    try:
        services.alocacao_executar(feira=feira, por=request.user)
    except ValidationError as erro:
        messages.error(request, " ".join(erro.messages))
        return redirect("feiras:gestao_feira", pk=feira.pk)
    messages.success(request, _("Bancas distribuídas. O sorteio está publicado."))
    return redirect("feiras:sorteio_publico", pk=feira.pk)


@equipe_requerida
def dia_da_feira(request, pk):
    feira = _feira(request, pk)
    if request.method == "POST":
        inscricao = obter_para(
            Inscricao.objects.filter(feira=feira), usuario=request.user, pk=request.POST.get("inscricao")
        )
        acao = request.POST.get("acao")
        acoes = {
            "checkin": (services.checkin_registrar, _("Chegada registrada: %(nome)s.")),
            "ausente": (services.ausencia_registrar, _("Ausência registrada: %(nome)s.")),
            "substituir": (services.ausente_substituir, _("Banca repassada a %(nome)s, da lista de espera.")),
        }
        if acao in acoes:
            funcao, texto = acoes[acao]
            try:
                resultado = funcao(inscricao=inscricao, por=request.user)
            except ValidationError as erro:
                messages.error(request, " ".join(erro.messages))
            else:
                messages.success(request, texto % {"nome": resultado.empreendedor.nome_exibicao})
        return redirect(request.get_full_path())
    busca = request.GET.get("q", "")
    consulta = filtrar_por_nome_ou_cpf(
        selectors.fila_inscricoes(feira=feira).filter(
            status__in=[
                StatusInscricao.APROVADA,
                StatusInscricao.PRESENTE,
                StatusInscricao.AUSENTE,
                StatusInscricao.ESPERA,
            ]
        ),
        busca,
    ).order_by("alocacao__banca__numero", "posicao_espera", "pk")
    pagina = Paginator(consulta, 60).get_page(request.GET.get("pagina"))
    return render(
        request,
        "feiras/equipe/dia.html",
        {"feira": feira, "pagina": pagina, "busca": busca, "contagem": selectors.contagem_por_status(feira=feira)},
    )


@equipe_requerida
def lista_pdf(request, pk):
    from weasyprint import HTML

    feira = _feira(request, pk)
    linhas = selectors.fila_inscricoes(feira=feira).filter(alocacao__isnull=False).order_by("alocacao__banca__numero")
    html = render_to_string(
        "feiras/equipe/lista_pdf.html",
        {
            "feira": feira,
            "linhas": linhas,
            "mapa": selectors.mapa_montar(feira=feira),
            "mostrar_cpf": services.eh_gestor(request.user, feira.secretaria_id),
            "gerado_em": timezone.now(),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    resposta = HttpResponse(pdf, content_type="application/pdf")
    resposta["Content-Disposition"] = f'inline; filename="feira-{feira.pk}-bancas.pdf"'
    return resposta


class _Eco:
    def write(self, valor):
        return valor


@equipe_requerida
def exportar_csv(request, pk):
    """CSV em streaming: memória constante mesmo com muitas linhas."""
    feira = _feira(request, pk)
    mostrar_cpf = services.eh_gestor(request.user, feira.secretaria_id)
    escritor = csv.writer(_Eco(), delimiter=";")
    linhas = exportacao.linhas(feira=feira, mostrar_cpf=mostrar_cpf)
    AcessoDadosPessoais.objects.create(
        usuario=request.user, empreendedor=None, finalidade=f"exportação CSV da feira {feira.pk}"
    )
    resposta = StreamingHttpResponse(
        ("\ufeff" if i == 0 else "") + escritor.writerow(linha) for i, linha in enumerate(linhas)
    )
    resposta["Content-Type"] = "text/csv; charset=utf-8"
    resposta["Content-Disposition"] = f'attachment; filename="feira-{feira.pk}-inscricoes.csv"'
    return resposta


@equipe_requerida
def exportar_xlsx(request, pk):
    feira = _feira(request, pk)
    mostrar_cpf = services.eh_gestor(request.user, feira.secretaria_id)
    AcessoDadosPessoais.objects.create(
        usuario=request.user, empreendedor=None, finalidade=f"exportação XLSX da feira {feira.pk}"
    )
    conteudo = exportacao.xlsx(feira=feira, mostrar_cpf=mostrar_cpf)
    resposta = HttpResponse(conteudo, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resposta["Content-Disposition"] = f'attachment; filename="feira-{feira.pk}-inscricoes.xlsx"'
    return resposta
