"""Produção: sem padrão para segredos nem hosts; passa ``check --deploy --fail-level WARNING``."""

from config import env

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = env.texto("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.lista("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.lista("DJANGO_CSRF_TRUSTED_ORIGINS", "")

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "config.estaticos.EstaticosComprimidos"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.booleano("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.inteiro("DJANGO_SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
