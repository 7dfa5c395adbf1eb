"""Tarefas do Cultura: recebem ids, recarregam do banco e toleram repetição."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pontos.models import Notificacao

TEXTOS = {
    "enviada": (
        gettext_lazy("Proposta enviada: %(titulo)s"),
        gettext_lazy("Recebemos sua proposta “%(titulo)s” para a chamada “%(chamada)s”. Agora é aguardar a avaliação."),
    ),
    "em_avaliacao": (
        gettext_lazy("Proposta em avaliação: %(titulo)s"),
        gettext_lazy(
            "As inscrições da chamada “%(chamada)s” terminaram e sua proposta “%(titulo)s” está em avaliação."
        ),
    ),
    "nao_enviada": (
        gettext_lazy("Inscrições encerradas: %(titulo)s não foi enviada"),
        gettext_lazy(
            "As inscrições da chamada “%(chamada)s” terminaram e a proposta “%(titulo)s” ficou como rascunho, "
            "sem envio definitivo. Ela não participa da avaliação."
        ),
    ),
    "resultado": (
        gettext_lazy("Resultado preliminar: %(titulo)s"),
        gettext_lazy(
            "Saiu o resultado preliminar da chamada “%(chamada)s”. Sua proposta “%(titulo)s” ficou em %(posicao)sº "
            "lugar (%(estado)s). Se discordar, você pode enviar um recurso até %(prazo)s."
        ),
    ),
    "recurso_recebido": (
        gettext_lazy("Recurso recebido: %(titulo)s"),
        gettext_lazy(
            "Recebemos seu recurso sobre a proposta “%(titulo)s”. A equipe vai respondê-lo antes do resultado final."
        ),
    ),
    "recurso_respondido": (
        gettext_lazy("Recurso respondido: %(titulo)s"),
        gettext_lazy("A equipe respondeu seu recurso sobre a proposta “%(titulo)s”. Veja a resposta em Minha conta."),
    ),
    "resultado_final": (
        gettext_lazy("Resultado final: %(titulo)s"),
        gettext_lazy(
            "Saiu o resultado final da chamada “%(chamada)s”. Sua proposta “%(titulo)s” ficou em %(posicao)sº lugar (%(estado)s)."
        ),
    ),
}


def _avisar(*, usuario, titulo, texto, link, email):
    """Cria a notificação e manda o e-mail uma vez só (a mesma notificação não se repete)."""
    if usuario is None:
        return False
    if Notificacao.objects.filter(usuario=usuario, titulo=titulo, link=link).exists():
        return False
    Notificacao.objects.create(usuario=usuario, titulo=titulo, texto=texto, link=link)
    destino = email or usuario.email
    if destino:
        send_mail(
            f"[Rede de Pontos] {titulo}",
            f"{texto}\n\n{getattr(settings, 'SITE_URL', '')}{link}\n\nRede de Pontos de Geração de Renda — Prefeitura de São Paulo",
            settings.DEFAULT_FROM_EMAIL,
            [destino],
        )
    return True


@shared_task(name="cultura.proposta_notificar")
def proposta_notificar(proposta_id, evento):
    from cultura.models import Proposta

    proposta = (
        Proposta.objects.select_related("chamada", "artista__responsavel__usuario").filter(pk=proposta_id).first()
    )
    if proposta is None or evento not in TEXTOS:
        return False
    pessoa = proposta.artista.responsavel
    prazo = proposta.chamada.recurso_ate
    valores = {
        "titulo": proposta.titulo,
        "chamada": proposta.chamada.titulo,
        "posicao": proposta.posicao or "-",
        "estado": proposta.get_estado_display().lower(),
        "prazo": timezone.localtime(prazo).strftime("%d/%m/%Y %H:%M") if prazo else "",
    }
    titulo, texto = (t % valores for t in TEXTOS[evento])
    return _avisar(
        usuario=pessoa.usuario,
        titulo=titulo[:200],
        texto=texto,
        link=reverse("cultura:proposta_editar", kwargs={"pk": proposta.pk}),
        email=pessoa.email,
    )


@shared_task(name="cultura.apresentacao_notificar")
def apresentacao_notificar(apresentacao_id):
    from cultura.models import Apresentacao

    apresentacao = (
        Apresentacao.objects.select_related("ponto", "espaco", "artista__responsavel__usuario")
        .filter(pk=apresentacao_id)
        .first()
    )
    if apresentacao is None:
        return False
    pessoa = apresentacao.artista.responsavel
    quando = timezone.localtime(apresentacao.inicio).strftime("%d/%m/%Y às %H:%M")
    if apresentacao.cancelada:
        titulo = _("Apresentação cancelada: %(t)s") % {"t": apresentacao.titulo}
        texto = _("A apresentação de %(quando)s no(a) %(espaco)s foi cancelada pela equipe.")
    else:
        titulo = _("Apresentação marcada: %(t)s") % {"t": apresentacao.titulo}
        texto = _("%(artista)s se apresenta em %(quando)s no(a) %(espaco)s.")
    return _avisar(
        usuario=pessoa.usuario,
        titulo=titulo,
        texto=texto % {"artista": apresentacao.artista, "quando": quando, "espaco": apresentacao.espaco},
        link=apresentacao.get_absolute_url(),
        email=pessoa.email,
    )


@shared_task(name="cultura.chamadas_encerrar")
def chamadas_encerrar():
    from cultura.services import chamadas_encerrar_vencidas

    return chamadas_encerrar_vencidas()
