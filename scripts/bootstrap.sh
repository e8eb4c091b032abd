#!/usr/bin/env bash
# Install everything the project needs on a fresh Debian 12 machine, idempotently:
#   scripts/bootstrap.sh          Python venv with the hashed, pinned dependencies
#   scripts/bootstrap.sh --test   also Debian's chromium (browser tests) and a running PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

need_apt=()
# PDF documents (WeasyPrint): Pango, HarfBuzz's subsetter and a font, for the product itself.
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [[ "${1:-}" == "--test" ]]; then
  [[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
  command -v pg_ctlcluster >/dev/null || need_apt+=(postgresql)
  command -v pdftotext >/dev/null || need_apt+=(poppler-utils)  # tests read the PDFs back
fi
if ((${#need_apt[@]})); then
  echo "» Installerer Debian-pakker: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

stamp=.venv/.lock-sha
want=$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [[ ! -x .venv/bin/python || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  echo "» Opretter .venv og installerer låste afhængigheder"
  "$PY" -m venv .venv
  # (pip warns about unreachable local wheel folders of some machines' pip config: noise, hidden)
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes \
    -r requirements.lock 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation \
    -e . 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import django, yaml, ressourcemodel" # fail here if the install did not work
  echo "$want" > "$stamp"
fi

if [[ "${1:-}" == "--test" ]]; then
  scripts/ensure_postgres.sh
fi
