"""OIDC single sign-on is available by configuration (run in a subprocess with the settings)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import django, os
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
c = Client()
page = c.get("/login/").content.decode()
assert "/oidc/authenticate/" in page, "SSO-knap mangler"
r = c.get("/oidc/authenticate/")
assert r.status_code == 302, r.status_code
assert r["Location"].startswith("https://login.example.dk/authorize?"), r["Location"]
assert "client_id=ressourcemodel-test" in r["Location"]
from django.conf import settings
assert settings.OIDC_CREATE_USER is False
print("SSO OK")
"""


def test_oidc_login_redirects_to_the_provider(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ressourcemodel.web.config.settings",
        "RESSOURCEMODEL_DB_PATH": str(tmp_path / "sso.sqlite3"),
        "RESSOURCEMODEL_DB": "sqlite",
        "RESSOURCEMODEL_OIDC_CLIENT_ID": "ressourcemodel-test",
        "RESSOURCEMODEL_OIDC_AUTHORIZATION_ENDPOINT": "https://login.example.dk/authorize",
        "RESSOURCEMODEL_OIDC_TOKEN_ENDPOINT": "https://login.example.dk/token",
        "RESSOURCEMODEL_OIDC_USER_ENDPOINT": "https://login.example.dk/userinfo",
    }
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SSO OK" in proc.stdout


def test_sso_is_off_without_configuration() -> None:
    from django.conf import settings

    assert settings.OIDC_ENABLED is False
    assert "mozilla_django_oidc" not in settings.INSTALLED_APPS
