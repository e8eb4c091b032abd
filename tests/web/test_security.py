"""Login throttling, security headers, production settings."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client

from ressourcemodel.web.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_login_is_throttled_after_repeated_failures() -> None:
    c = Client()
    for _ in range(4):
        r = c.post("/login/", {"username": "okonomi", "password": "forkert-kode"})
        assert "forkert" in r.content.decode()
    r = c.post("/login/", {"username": "okonomi", "password": "forkert-kode"})
    assert r.status_code == 429  # the fifth failure locks the username (django-axes)
    r = c.post("/login/", {"username": "okonomi", "password": DEMO_PASSWORD})
    assert "For mange mislykkede forsøg" in r.content.decode()
    assert "_auth_user_id" not in c.session
    # another user is not affected
    assert (
        Client().post("/login/", {"username": "ledelse", "password": DEMO_PASSWORD}).status_code
        == 302
    )


def test_security_headers(client_as) -> None:  # type: ignore[no-untyped-def]
    r = client_as("okonomi").get("/oversigt/")
    assert "default-src 'self'" in r["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in r["Content-Security-Policy"]
    assert r["X-Frame-Options"] == "DENY"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["Cache-Control"] == "no-store"


def test_check_deploy_is_clean_with_production_settings() -> None:
    # A production-like environment: without the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "ressourcemodel.web.config.settings_production",
        "RESSOURCEMODEL_SECRET_KEY": "x7Gq2-k9Lm4_Zp8Rw1Vt6Yb3Nc5Hd0Jf-Qs9Ue2Ai4Oy7Tg1Xe8Kw3Mv6Bn5",
        "RESSOURCEMODEL_ALLOWED_HOSTS": "ressourcemodel.example.dk",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_production_settings_refuse_a_missing_secret_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "RESSOURCEMODEL_SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "ressourcemodel.web.config.settings_production"
    proc = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode != 0
    assert "RESSOURCEMODEL_SECRET_KEY" in proc.stderr
