"""Produção, exceto pelo armazenamento de estáticos sem manifesto (o bench não roda collectstatic)."""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
