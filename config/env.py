"""Leitura do ambiente: o único lugar do projeto que consulta ``os.environ``."""

import os
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

_FALTA = object()


def texto(nome, padrao=_FALTA):
    valor = os.environ.get(nome)
    if valor is None:
        if padrao is _FALTA:
            raise ImproperlyConfigured(f"Defina a variável de ambiente {nome}.")
        return padrao
    return valor


def booleano(nome, padrao=False):
    valor = os.environ.get(nome)
    if valor is None:
        return padrao
    return valor.strip().lower() in {"1", "true", "sim", "yes", "on"}


def inteiro(nome, padrao):
    return int(os.environ.get(nome, padrao))


def lista(nome, padrao=_FALTA):
    valor = texto(nome, padrao)
    if isinstance(valor, list | tuple):
        return list(valor)
    return [item.strip() for item in valor.split(",") if item.strip()]


def banco(url, *, base_dir):
    """Converte ``DATABASE_URL`` (postgres://… ou sqlite:///…) em ``DATABASES['default']``."""
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": base_dir / "db.sqlite3"}
    partes = urlparse(url)
    if partes.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": partes.path[1:] or base_dir / "db.sqlite3"}
    if partes.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"DATABASE_URL com esquema não suportado: {partes.scheme}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(partes.path[1:]),
        "USER": unquote(partes.username or ""),
        "PASSWORD": unquote(partes.password or ""),
        "HOST": partes.hostname or "",
        "PORT": str(partes.port or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
