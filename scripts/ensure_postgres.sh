#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 (trust auth, user postgres).
set -euo pipefail
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ready; then exit 0; fi
if command -v pg_ctlcluster >/dev/null; then
  echo "» Starter PostgreSQL"
  ver=$(ls /etc/postgresql | sort -V | tail -n1)
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  conf=/etc/postgresql/$ver/main/pg_hba.conf
  if ! grep -q "^host all all 127.0.0.1/32 trust" "$conf" 2>/dev/null; then
    sed -i '1i host all all 127.0.0.1/32 trust' "$conf" && pg_ctlcluster --skip-systemctl-redirect "$ver" main reload || true
  fi
fi
for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
echo "PostgreSQL svarer ikke på 127.0.0.1:5432" >&2
exit 1
