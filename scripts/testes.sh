#!/usr/bin/env bash
# Roda a suíte inteira. Sem DATABASE_URL/REDIS_URL: SQLite e Celery ansioso.
# Com DATABASE_URL (PostgreSQL) e REDIS_URL: banco e Redis reais, e um worker Celery
# de verdade para os testes marcados com "worker".
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=config.settings.test
PY=.venv/bin/python
export PATH="$PWD/.venv/bin:$PATH"

if [ -z "${DATABASE_URL:-}" ]; then
  # Os testes de concorrência e de worker precisam de PostgreSQL e Redis reais.
  exec $PY -m pytest -m "not postgres and not worker" "$@"
else
  exec $PY -m pytest "$@"
fi
