"""Desenvolvimento local: SQLite, Celery ansioso, e-mail no console."""

from .base import *  # noqa: F403

DEBUG = True

# Em desenvolvimento, o que se muda aparece na hora também para visitantes.
CACHE_PUBLICO_SEGUNDOS = 0
