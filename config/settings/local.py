"""Desenvolvimento local: SQLite, Celery ansioso, e-mail no console."""

from .base import *  # noqa: F403

DEBUG = True
