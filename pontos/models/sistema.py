from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notificacao(models.Model):
    """Aviso mostrado em Minha conta (e também enviado por e-mail pelo serviço)."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notificacoes", verbose_name=_("usuário")
    )
    titulo = models.CharField(_("título"), max_length=200)
    texto = models.TextField(_("texto"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    lida = models.BooleanField(_("lida"), default=False)
    criada_em = models.DateTimeField(_("criada em"), auto_now_add=True)
    # Marca de "e-mail já mandado" para as tarefas que também avisam por e-mail (idempotência no
    # banco: o cache pode esquecer).
    email_enviado_em = models.DateTimeField(_("e-mail enviado em"), null=True, blank=True)

    class Meta:
        verbose_name = _("notificação")
        verbose_name_plural = _("notificações")
        ordering = ["-criada_em"]
        indexes = [models.Index(fields=["usuario", "-criada_em"], name="notificacao_usuario_data")]

    def __str__(self):
        return self.titulo


class TarefaPendente(models.Model):
    """Caixa de saída: toda tarefa Celery passa por aqui, e nada se perde se o Redis cair."""

    tarefa = models.CharField(_("tarefa"), max_length=200)
    argumentos = models.JSONField(_("argumentos"), default=dict)
    criada_em = models.DateTimeField(_("criada em"), auto_now_add=True)
    enviada_em = models.DateTimeField(_("enviada em"), null=True, blank=True)
    tentativas = models.PositiveIntegerField(_("tentativas"), default=0)

    class Meta:
        verbose_name = _("tarefa pendente")
        verbose_name_plural = _("tarefas pendentes")
        indexes = [models.Index(fields=["enviada_em", "criada_em"], name="tarefa_pendente_fila")]

    def __str__(self):
        return self.tarefa
