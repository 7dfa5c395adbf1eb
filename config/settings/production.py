"""Produção: sem padrão para segredos nem hosts; passa ``check --deploy --fail-level WARNING``."""

from config import env

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES

DEBUG = False
SECRET_KEY = env.texto("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.lista("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.lista("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# Produção sempre com PostgreSQL e Redis (broker e cache); sem padrão.
DATABASES = {"default": env.banco(env.texto("DATABASE_URL"), base_dir=BASE_DIR)}
REDIS_URL = env.texto("REDIS_URL")
CACHES = {"default": {"BACKEND": "config.cache.CacheRedis", "LOCATION": REDIS_URL}}
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False

STATIC_ROOT = env.texto("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles"))

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
