"""Minha conta: matrícula, meus cursos, certificado, presença por código e trilha MEI."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from formacao import selectors, services, trilha
from formacao.forms import CodigoForm, EtapaForm
from formacao.models import Certificado, Matricula, Turma
from formacao.views.comum import (
    _aplicar_erros,
    _cursos_por_eixo,
    _erros,
    _exigir_pessoa,
    _passos_da_pessoa,
    _pdf_resposta,
    _pessoa,
    limite_excedido,
)


@_exigir_pessoa
def turma_matricular(request, pk):
    try:
        turma = selectors.turma_publica(pk=pk)
    except (Turma.DoesNotExist, ValueError):
        raise Http404 from None
    if request.method == "POST":
        try:
            matricula = services.matricula_criar(turma=turma, empreendedor=_pessoa(request))
        except ValidationError as erro:
            for mensagem in _erros(erro):
                messages.error(request, mensagem)
            return redirect(turma.curso.get_absolute_url())
        if matricula.situacao == "confirmada":
            messages.success(request, _("Matrícula confirmada em %(curso)s.") % {"curso": turma.curso.nome})
        else:
            messages.info(
                request,
                _("A turma está cheia: você entrou na lista de espera (posição %(n)s). Avisaremos se abrir vaga.")
                % {"n": services.posicao_na_espera(matricula)},
            )
        return redirect("formacao:meus_cursos")
    return render(request, "formacao/turma_matricular.html", {"turma": turma})


@_exigir_pessoa
def meus_cursos(request):
    pessoa = _pessoa(request)
    matriculas = list(selectors.matriculas_da_pessoa(empreendedor=pessoa))
    for matricula in matriculas:
        matricula.posicao = services.posicao_na_espera(matricula) if matricula.situacao == "espera" else None
    return render(
        request,
        "formacao/meus_cursos.html",
        {"matriculas": matriculas, "qualificacoes": selectors.qualificacoes_da_pessoa(empreendedor=pessoa)},
    )


@_exigir_pessoa
def matricula_cancelar(request, pk):
    matricula = get_object_or_404(Matricula.objects.de(_pessoa(request)), pk=pk)
    if request.method != "POST":
        return redirect("formacao:meus_cursos")
    try:
        services.matricula_cancelar(matricula=matricula)
        messages.success(request, _("Matrícula cancelada."))
    except ValidationError as erro:
        for mensagem in _erros(erro):
            messages.error(request, mensagem)
    return redirect("formacao:meus_cursos")


@_exigir_pessoa
def certificado_pdf(request, pk):
    certificado = get_object_or_404(
        Certificado.objects.filter(matricula__empreendedor=_pessoa(request), revogado_em__isnull=True), pk=pk
    )
    return _pdf_resposta(request, certificado)


@_exigir_pessoa
def presenca_codigo(request):
    form = CodigoForm(request.POST or None, initial={"codigo": request.GET.get("codigo", "")})
    if request.method == "POST" and form.is_valid():
        if limite_excedido(request, "presenca"):
            form.add_error("codigo", _("Muitas tentativas. Espere alguns minutos e tente de novo."))
        else:
            try:
                presenca = services.presenca_por_codigo(
                    codigo=form.cleaned_data["codigo"], empreendedor=_pessoa(request)
                )
            except ValidationError as erro:
                _aplicar_erros(form, erro)
            else:
                messages.success(
                    request,
                    _("Presença registrada em %(curso)s. Bom encontro!")
                    % {"curso": presenca.encontro.turma.curso.nome},
                )
                return redirect("formacao:meus_cursos")
    return render(request, "formacao/presenca_codigo.html", {"form": form})


@_exigir_pessoa
def formalizacao(request):
    pessoa = _pessoa(request)
    form_erro = None
    if request.method == "POST":
        form = EtapaForm(request.POST, request.FILES)
        if request.POST.get("desfazer") and request.POST.get("passo") in trilha.POR_PASSO:
            services.etapa_desfazer(empreendedor=pessoa, passo=request.POST["passo"])
            messages.success(request, _("Passo desmarcado."))
            return redirect("formacao:formalizacao")
        if form.is_valid():
            try:
                services.etapa_registrar(
                    empreendedor=pessoa,
                    passo=form.cleaned_data["passo"],
                    feito_em=form.cleaned_data["feito_em"],
                    nao_se_aplica=form.cleaned_data["nao_se_aplica"],
                    dado=form.cleaned_data["dado"],
                    comprovante=form.cleaned_data["comprovante"],
                )
            except ValidationError as erro:
                _aplicar_erros(form, erro)
            else:
                messages.success(
                    request,
                    _("Passo registrado: %(passo)s.") % {"passo": trilha.info(form.cleaned_data["passo"]).titulo},
                )
                return redirect("formacao:formalizacao")
        form_erro = form
    etapas = selectors.etapas_de(empreendedor=pessoa)
    linhas, feitos = _passos_da_pessoa(pessoa, etapas, _cursos_por_eixo())
    if form_erro is not None and form_erro.data.get("passo") not in trilha.POR_PASSO:
        messages.error(request, _("Passo desconhecido. Escolha um passo da lista."))
    for linha in linhas:
        if form_erro is not None and form_erro.data.get("passo") == linha["info"].passo:
            linha["form"] = form_erro
        else:
            etapa = linha["etapa"]
            linha["form"] = EtapaForm(
                initial={
                    "passo": linha["info"].passo,
                    "feito_em": etapa.feito_em if etapa else None,
                    "dado": etapa.dado if etapa else "",
                    "nao_se_aplica": etapa.nao_se_aplica if etapa else False,
                },
                auto_id=f"id_{linha['info'].passo}_%s",
            )
    return render(
        request,
        "formacao/formalizacao.html",
        {"linhas": linhas, "feitos": feitos, "total": len(linhas), "pessoa": pessoa},
        status=400 if form_erro is not None else 200,
    )
