# Sourced by scripts/run and scripts/test: make .venv (if missing) and install Reader into it.
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
STAMP="$VENV/.reader-installed-$1"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  # The pip that ships with Python 3.11 fails to resolve some dependency sets: upgrade it first.
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  if [ "$1" = test ]; then
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[test]"
  else
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT"
  fi
  touch "$STAMP"
fi
