# One command runs exactly what CI runs: `make check`.
SHELL := /bin/bash
VENV := .venv/bin
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo check bootstrap bootstrap-test lint typecheck imports test test-sqlite test-postgres bench fmt

demo: bootstrap                      ## run the product: web app on SQLite with demo data
	$(VENV)/ressourcemodel demo

check: bootstrap-test lint typecheck imports test   ## everything CI runs

bootstrap:
	@scripts/bootstrap.sh

bootstrap-test:
	@scripts/bootstrap.sh --test

lint:
	$(VENV)/ruff check src tests $(wildcard bench)
	$(VENV)/ruff format --check src tests $(wildcard bench)

fmt:
	$(VENV)/ruff check --fix src tests $(wildcard bench)
	$(VENV)/ruff format src tests $(wildcard bench)

typecheck:
	$(VENV)/mypy src

imports:
	$(VENV)/lint-imports

test: test-sqlite test-postgres

test-sqlite:                         ## whole suite, web tests on the embedded SQLite
	$(VENV)/pytest -q

test-postgres:                       ## the database-backed tests again on PostgreSQL
	@if compgen -G "tests/web/test_*.py" >/dev/null; then \
	  RESSOURCEMODEL_DB=postgres $(VENV)/pytest -q tests/web $$(compgen -G "tests/e2e/test_*.py" >/dev/null && echo tests/e2e); \
	else echo "Ingen databasetests endnu"; fi

bench:
	$(VENV)/python bench/engine_bench.py
