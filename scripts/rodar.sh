#!/usr/bin/env bash
# Sobe o portal no padrão embarcado (SQLite, Celery ansioso, e-mail no console)
# com os dados do Butantã. Pode ser rodado de novo sem duplicar nada.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=config.settings.local
PY=.venv/bin/python
$PY manage.py migrate --noinput -v0
$PY manage.py demo_butanta
PORTA=${PORT:-8000}
echo
echo "Portal em http://127.0.0.1:${PORTA}/  (Gestão em /gestao/)"
exec $PY manage.py runserver "127.0.0.1:${PORTA}"
