"""backup → a fresh, only-migrated database → restore, then a page view and a save work (the
id sequences follow the restored rows) — on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

SNIPPET = """
import django, os
os.environ['DJANGO_SETTINGS_MODULE'] = 'ressourcemodel.web.config.settings'
django.setup()
from django.test import Client
from ressourcemodel.web.records import models as m
from ressourcemodel.web.audit.models import AuditLog
c = Client(HTTP_HOST='localhost')
assert c.login(username='myndighed', password='Demo-adgang-2026')
citizen = m.Citizen.objects.filter(stays__isnull=False).order_by('pk').first()
assert c.get(f'/borgere/{citizen.pk}/').status_code == 200
import json
entry = {'days': ['sat'], 'start': '13:00', 'end': '13:30'}
body = {'entries': [entry], 'effective_from': '2026-11-01'}
url = f'/borgere/{citizen.pk}/doegnskema/gem/'
r = c.post(url, json.dumps(body), content_type='application/json')
assert r.status_code == 200, r.content
assert AuditLog.objects.filter(action='backup.restore').count() == 1
print('OK')
"""


def test_backup_restore_into_a_fresh_database(tmp_path: Path) -> None:
    cli = [sys.executable, "-m", "ressourcemodel.cli"]
    postgres = os.environ.get("RESSOURCEMODEL_DB") == "postgres"
    source = {**os.environ, "RESSOURCEMODEL_DB_PATH": str(tmp_path / "source.sqlite3")}
    fresh = {**os.environ, "RESSOURCEMODEL_DB_PATH": str(tmp_path / "fresh.sqlite3")}
    name = f"ressourcemodel_fresh_{uuid.uuid4().hex[:8]}"
    if postgres:
        source = {**os.environ, "RESSOURCEMODEL_PG_NAME": name + "_a"}
        fresh = {**os.environ, "RESSOURCEMODEL_PG_NAME": name + "_b"}
        for db in (name + "_a", name + "_b"):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {db}"],
                check=True,
                capture_output=True,
            )

    def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*cli, *args], env=env, capture_output=True, text=True, check=False)

    try:
        assert run(source, "demo", "--no-serve").returncode == 0
        backup = tmp_path / "backup.json.gz"
        assert run(source, "backup", str(backup)).returncode == 0
        assert run(fresh, "manage", "migrate", "-v0").returncode == 0
        done = run(fresh, "restore", str(backup))
        assert done.returncode == 0, done.stderr
        check = subprocess.run(
            [sys.executable, "-c", SNIPPET], env=fresh, capture_output=True, text=True, check=False
        )
        assert check.stdout.strip().endswith("OK"), check.stderr[-2000:]
    finally:
        if postgres:
            for db in (name + "_a", name + "_b"):
                subprocess.run(
                    [
                        "psql",
                        "-h",
                        "127.0.0.1",
                        "-U",
                        "postgres",
                        "-c",
                        f"DROP DATABASE IF EXISTS {db}",
                    ],
                    capture_output=True,
                    check=False,
                )
