"""Testes: senhas rápidas, e-mail em memória; banco e Redis vêm do ambiente quando definidos."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_RATE_LIMITS = False
DEBUG = False

# Os testes conferem o efeito de cada mudança na hora; o cache público tem teste próprio.
CACHE_PUBLICO_SEGUNDOS = 0
# As contagens de consultas valem para o pior caso (vínculos ainda fora do cache); o cache dos
# vínculos tem teste próprio (tests/pontos/test_escopo_cache.py).
VINCULOS_CACHE_SEGUNDOS = 0
