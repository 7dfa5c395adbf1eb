"""Aplicação Celery: broker e cache no Redis; tarefas descobertas em cada app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("pontos_geracao_renda")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
