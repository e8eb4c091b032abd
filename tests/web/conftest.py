"""Web tests run against the demo municipality, created once per test session (on SQLite by
default, on PostgreSQL with RESSOURCEMODEL_DB=postgres)."""

from __future__ import annotations

import os

import pytest
from django.test import Client

from ressourcemodel.web.demo import DEMO_PASSWORD, create_demo


def pytest_report_header() -> str:
    return f"database: {os.environ.get('RESSOURCEMODEL_DB', 'sqlite')}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        create_demo()


@pytest.fixture(autouse=True)
def _fresh_result_cache():  # type: ignore[no-untyped-def]
    """Each test's database is rolled back, so the data version is too: start with no cache."""
    from ressourcemodel.web.calculation.results import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def client_as(db):  # type: ignore[no-untyped-def]
    def login(username: str) -> Client:
        c = Client()
        assert c.login(username=username, password=DEMO_PASSWORD)
        return c

    return login
