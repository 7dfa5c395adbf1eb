"""Peças comuns às views da formação: acesso, erros, limite de tentativas, PDF."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from formacao import trilha
from formacao.models import Curso
from pontos.gestao import eh_equipe


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


def _pdf_resposta(request, certificado):
    from formacao.pdf import certificado_pdf as gerar

    url = request.build_absolute_uri(reverse("formacao:certificado_verificar"))
    url += f"?codigo={certificado.codigo_exibicao}"
    resposta = HttpResponse(gerar(certificado=certificado, url_verificacao=url), content_type="application/pdf")
    resposta["Content-Disposition"] = f'attachment; filename="certificado-{certificado.codigo_exibicao}.pdf"'
    return resposta


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
