"""Views finas: leem a entrada, chamam um serviço ou seletor e desenham a página."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from formacao import selectors, services, trilha
from formacao.forms import CodigoForm, EncontroForm, EtapaForm, PresencaForm, RevogarForm, VerificarForm
from formacao.models import Certificado, Curso, Eixo, Matricula, SituacaoTurma, Turma
from pontos.gestao import eh_equipe
from pontos.services.reservas import ConflitoReserva


def _erros(erro):
    return erro.messages if hasattr(erro, "messages") else [str(erro)]


def _aplicar_erros(form, erro):
    """Leva um ValidationError do serviço para junto dos campos do formulário."""
    if hasattr(erro, "error_dict"):
        for campo, lista in erro.error_dict.items():
            form.add_error(campo if campo in form.fields else None, lista)
    else:
        form.add_error(None, erro.messages)


def _pessoa(request):
    return getattr(request.user, "empreendedor", None)


def _exigir_pessoa(view):
    """Minha conta: quem ainda não tem perfil de empreendedor(a) é levado(a) a completá-lo."""

    @login_required
    def interna(request, *args, **kwargs):
        if _pessoa(request) is None:
            messages.info(request, _("Complete seu cadastro para se matricular e acompanhar seus cursos."))
            return redirect("pontos:perfil_editar")
        return view(request, *args, **kwargs)

    interna.__name__ = view.__name__
    return interna


def _exigir_equipe(view):
    @login_required
    def interna(request, *args, **kwargs):
        if not eh_equipe(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    interna.__name__ = view.__name__
    return interna


# ---------------------------------------------------------------- público


def curso_lista(request):
    eixo = request.GET.get("eixo", "")
    if eixo not in Eixo.values:
        eixo = ""
    pagina = Paginator(selectors.cursos_catalogo(eixo=eixo or None), 24).get_page(request.GET.get("pagina"))
    return render(request, "formacao/curso_list.html", {"pagina": pagina, "eixos": Eixo.choices, "eixo": eixo})


def curso_detalhe(request, slug):
    try:
        curso = selectors.curso_publico(slug=slug)
    except Curso.DoesNotExist:
        raise Http404 from None
    return render(request, "formacao/curso_detail.html", {"curso": curso})


def _ip(request):
    """IP de quem consulta. Atrás de um balanceador confiável, ``FORMACAO_CABECALHO_IP`` (ex.:
    ``HTTP_X_FORWARDED_FOR``) dá o cabeçalho; vale o último endereço, o que o próprio balanceador
    acrescentou (o cliente não consegue forjá-lo). Sem a configuração, só ``REMOTE_ADDR``."""
    cabecalho = getattr(settings, "FORMACAO_CABECALHO_IP", "")
    if cabecalho and request.META.get(cabecalho):
        return request.META[cabecalho].split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "desconhecido")


def limite_excedido(request, acao):
    """Conta tentativas por IP no cache compartilhado (Redis em produção)."""
    limite = getattr(settings, "FORMACAO_LIMITE_TENTATIVAS", 20)
    janela = getattr(settings, "FORMACAO_JANELA_TENTATIVAS", 600)
    chave = f"formacao:tentativas:{acao}:{_ip(request)}"
    cache.add(chave, 0, timeout=janela)
    try:
        total = cache.incr(chave)
    except ValueError:
        cache.set(chave, 1, timeout=janela)
        total = 1
    return total > limite


def certificado_verificar(request):
    form = VerificarForm(request.GET or None)
    contexto = {"form": form, "consultado": False}
    status = 200
    if form.is_bound and form.is_valid():
        if limite_excedido(request, "verificar"):
            contexto["bloqueado"] = True
            status = 429
        else:
            contexto["consultado"] = True
            contexto["certificado"] = services.certificado_buscar(form.cleaned_data["codigo"])
    return render(request, "formacao/certificado_verificar.html", contexto, status=status)


# ---------------------------------------------------------------- Minha conta


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


def _pdf_resposta(request, certificado):
    from formacao.pdf import certificado_pdf as gerar

    url = request.build_absolute_uri(reverse("formacao:certificado_verificar"))
    url += f"?codigo={certificado.codigo_exibicao}"
    resposta = HttpResponse(gerar(certificado=certificado, url_verificacao=url), content_type="application/pdf")
    resposta["Content-Disposition"] = f'attachment; filename="certificado-{certificado.codigo_exibicao}.pdf"'
    return resposta


@_exigir_pessoa
def certificado_pdf(request, pk):
    certificado = get_object_or_404(
        Certificado.objects.filter(matricula__empreendedor=_pessoa(request), revogado_em__isnull=True), pk=pk
    )
    return _pdf_resposta(request, certificado)


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


def _passos_da_pessoa(pessoa, etapas, cursos_por_eixo):
    """A trilha na ordem, com o que falta para cada passo e a ajuda do catálogo."""
    linhas = []
    for info in trilha.PASSOS:
        etapa = etapas.get(info.passo)
        pendentes = [p for p in info.depende_de if not (etapas.get(p) and etapas[p].concluida)]
        linhas.append(
            {
                "info": info,
                "etapa": etapa,
                "bloqueado": bool(pendentes) and not (etapa and etapa.concluida),
                "curso": cursos_por_eixo.get(info.eixo_curso),
            }
        )
    feitos = sum(1 for linha in linhas if linha["etapa"] and linha["etapa"].concluida)
    return linhas, feitos


def _cursos_por_eixo():
    cursos = {}
    for curso in Curso.objects.ativos().order_by("nome").only("nome", "slug", "eixo"):
        cursos.setdefault(curso.eixo, curso)
    return cursos


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


# ---------------------------------------------------------------- equipe


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
        {"pagina": pagina, "situacoes": SituacaoTurma.choices, "situacao": situacao},
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
