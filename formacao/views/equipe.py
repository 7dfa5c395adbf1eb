"""Telas da equipe: turmas, encontros, presença no celular, conclusão, revogação e trilha MEI."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from formacao import selectors, services
from formacao.forms import EncontroForm, PresencaForm, RevogarForm
from formacao.models import SituacaoTurma, Turma
from formacao.views.comum import (
    _aplicar_erros,
    _erros,
    _exigir_equipe,
    _passos_da_pessoa,
    _pdf_resposta,
)
from pontos.escopo import vinculos_de
from pontos.models import Papel
from pontos.services.reservas import ConflitoReserva


def _pode_criar_turma(usuario):
    return usuario.is_superuser or any(
        v.papel in {Papel.GESTOR, Papel.OPERADOR} and not v.secretaria.eh_governo for v in vinculos_de(usuario)
    )


@_exigir_equipe
def equipe_turmas(request):
    situacao = request.GET.get("situacao", SituacaoTurma.ABERTA)
    if situacao not in SituacaoTurma.values:
        situacao = ""
    pagina = Paginator(selectors.turmas_da_equipe(usuario=request.user, situacao=situacao or None), 30).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "formacao/equipe_turmas.html",
        {
            "pagina": pagina,
            "situacoes": SituacaoTurma.choices,
            "situacao": situacao,
            "pode_criar": _pode_criar_turma(request.user),
        },
    )


@_exigir_equipe
def equipe_turma(request, pk):
    turma = selectors.turma_da_equipe(usuario=request.user, pk=pk)
    form = EncontroForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            inicio, fim = form.periodo()
            try:
                services.encontro_criar(turma=turma, inicio=inicio, fim=fim, por=request.user)
            except ConflitoReserva as erro:
                form.add_error(None, erro.messages)
            except ValidationError as erro:
                _aplicar_erros(form, erro)
            else:
                messages.success(request, _("Encontro marcado e espaço reservado."))
                return redirect("formacao:equipe_turma", pk=turma.pk)
        status = 400
    pode_editar = Turma.objects.editaveis_por(request.user).filter(pk=turma.pk).exists()
    return render(
        request,
        "formacao/equipe_turma.html",
        {"turma": turma, "form": form, "pode_editar": pode_editar},
        status=status,
    )


@_exigir_equipe
def equipe_turma_concluir(request, pk):
    turma = selectors.turma_da_equipe(usuario=request.user, pk=pk)
    if request.method != "POST":
        return redirect("formacao:equipe_turma", pk=turma.pk)
    try:
        resumo = services.turma_concluir(turma=turma, por=request.user)
    except ValidationError as erro:
        for mensagem in _erros(erro):
            messages.error(request, mensagem)
    else:
        messages.success(
            request,
            _("Turma concluída: %(c)s pessoa(s) concluíram e receberam certificado; %(n)s não atingiram a frequência.")
            % {"c": resumo["concluidas"], "n": resumo["nao_concluidas"]},
        )
    return redirect("formacao:equipe_turma", pk=turma.pk)


@_exigir_equipe
def equipe_presenca(request, pk):
    encontro = selectors.encontro_da_equipe(usuario=request.user, pk=pk)
    matriculas = list(selectors.presenca_do_encontro(encontro=encontro))
    inicial = {"presentes": [str(m.pk) for m in matriculas if m.presente]}
    form = PresencaForm(request.POST or None, matriculas=matriculas, initial=inicial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                n = services.presenca_lancar(
                    encontro=encontro, presentes=form.cleaned_data["presentes"], por=request.user
                )
            except ValidationError as erro:
                _aplicar_erros(form, erro)
            else:
                messages.success(
                    request, _("Presença lançada: %(n)s de %(t)s presentes.") % {"n": n, "t": len(matriculas)}
                )
                return redirect("formacao:equipe_turma", pk=encontro.turma_id)
        status = 400
    from formacao.pdf import qr_data_uri

    url_codigo = request.build_absolute_uri(reverse("formacao:presenca_codigo")) + f"?codigo={encontro.codigo_presenca}"
    return render(
        request,
        "formacao/equipe_presenca.html",
        {
            "encontro": encontro,
            "form": form,
            "qr": qr_data_uri(url_codigo),
            "url_codigo": url_codigo,
            "pode_editar": Turma.objects.editaveis_por(request.user).filter(pk=encontro.turma_id).exists(),
        },
        status=status,
    )


@_exigir_equipe
def equipe_certificado_revogar(request, pk):
    certificado = selectors.certificado_da_equipe(usuario=request.user, pk=pk)
    form = RevogarForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.certificado_revogar(
                    certificado=certificado, motivo=form.cleaned_data["motivo"], por=request.user
                )
            except ValidationError as erro:
                _aplicar_erros(form, erro)
            else:
                messages.success(request, _("Certificado revogado; a qualificação foi encerrada."))
                return redirect("formacao:equipe_turma", pk=certificado.matricula.turma_id)
        status = 400
    return render(request, "formacao/equipe_revogar.html", {"certificado": certificado, "form": form}, status=status)


@_exigir_equipe
def equipe_certificado_pdf(request, pk):
    """A equipe imprime o certificado de quem não tem conta (cadastro assistido)."""
    certificado = selectors.certificado_da_equipe(usuario=request.user, pk=pk)
    if certificado.revogado_em:
        raise Http404
    services.acesso_registrar(
        usuario=request.user, empreendedor=certificado.matricula.empreendedor, finalidade=_("Impressão de certificado")
    )
    return _pdf_resposta(request, certificado)


@_exigir_equipe
def equipe_formalizacao(request, pk):
    pessoa = selectors.pessoa_da_equipe(usuario=request.user, pk=pk)
    etapas = selectors.etapas_de(empreendedor=pessoa)
    if request.method == "GET":
        services.acesso_registrar(usuario=request.user, empreendedor=pessoa, finalidade=_("Trilha de formalização MEI"))
    if request.method == "POST":
        etapa = etapas.get(request.POST.get("passo", ""))
        if etapa is None:
            messages.error(request, _("Esta pessoa ainda não marcou este passo."))
        else:
            try:
                services.etapa_confirmar(etapa=etapa, por=request.user)
            except (ValidationError, PermissionDenied) as erro:
                for mensagem in _erros(erro):
                    messages.error(request, mensagem)
            else:
                messages.success(request, _("Passo confirmado."))
        return redirect("formacao:equipe_formalizacao", pk=pessoa.pk)
    linhas, feitos = _passos_da_pessoa(pessoa, etapas, {})
    return render(
        request,
        "formacao/equipe_formalizacao.html",
        {"pessoa": pessoa, "linhas": linhas, "feitos": feitos, "total": len(linhas)},
    )


@_exigir_equipe
def equipe_comprovante(request, pk, passo):
    """Comprovante de um passo da trilha, só para a equipe que atende a pessoa (não é público)."""
    pessoa = selectors.pessoa_da_equipe(usuario=request.user, pk=pk)
    etapa = selectors.etapas_de(empreendedor=pessoa).get(passo)
    if etapa is None or not etapa.comprovante:
        raise Http404
    services.acesso_registrar(usuario=request.user, empreendedor=pessoa, finalidade=_("Comprovante da trilha MEI"))
    return FileResponse(
        etapa.comprovante.open("rb"), as_attachment=True, filename=etapa.comprovante.name.rsplit("/", 1)[-1]
    )
