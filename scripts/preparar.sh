#!/usr/bin/env bash
# Prepara o ambiente: virtualenv em .venv e dependências fixadas.
#   scripts/preparar.sh            dependências de execução
#   scripts/preparar.sh --testes   e também as de teste, e o Chromium do Debian/Ubuntu
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
REQ=requirements.txt
[ "${1:-}" = "--testes" ] && REQ=requirements-dev.txt
# Só reinstala quando os requisitos mudam.
marca=".venv/.instalado-$(cat requirements*.txt | sha1sum | cut -c1-12)-$(basename $REQ)"
if [ ! -f "$marca" ]; then
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r "$REQ"
  touch "$marca"
fi

# pg_dump/pg_restore (teste de backup) e psql (CI): cliente do PostgreSQL do Debian.
if [ "${1:-}" = "--testes" ] && ! command -v pg_restore >/dev/null 2>&1; then
  echo "Instalando o cliente do PostgreSQL (pg_dump, pg_restore)…"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq || true
  $SUDO apt-get install -y -qq postgresql-client >/dev/null
fi

if [ "${1:-}" = "--testes" ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "Instalando o Chromium (testes no navegador)…"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq || true
  $SUDO apt-get install -y -qq chromium >/dev/null
fi
