# Councillor Hub. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
LINT_PATHS := src scripts $(wildcard bench)
LOCAL := DJANGO_SETTINGS_MODULE=councillor_hub.config.settings.local

.DEFAULT_GOAL := help
.PHONY: help install run dev sweep test lint format check-migrations test-sqlite test-postgres test-browser demo-data worker clean bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var/frontend/govuk/govuk-frontend.min.css: node_modules/.installed scripts/build_frontend.py
	$(PY) scripts/build_frontend.py

install: $(VENV)/.installed var/frontend/govuk/govuk-frontend.min.css ## Install Python and front-end dependencies

run: install ## Install, migrate, load demo data once, serve on http://127.0.0.1:8000 (with worker and sweep)
	@scripts/install_system_packages.sh --pdf || echo "Could not install Pango and fonts: everything works except the booklet's PDF (see README)."
	mkdir -p var
	$(LOCAL) $(MANAGE) migrate --noinput
	$(LOCAL) $(MANAGE) collectstatic --noinput --verbosity 0
	$(LOCAL) $(MANAGE) demo_data --if-empty
	$(LOCAL) $(MANAGE) demo_logins
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	@$(LOCAL) $(MANAGE) db_worker & worker=$$!; \
	( i=0; while true; do $(LOCAL) $(MANAGE) enquiries_sweep --verbosity 0 || true; \
	    if [ $$((i % 12)) -eq 0 ]; then $(LOCAL) $(MANAGE) retention_sweep --verbosity 0 || true; \
	      $(LOCAL) $(MANAGE) library_review_reminders --verbosity 0 || true; \
	      $(LOCAL) $(MANAGE) emergency_review_reminders --verbosity 0 || true; \
	      $(LOCAL) $(MANAGE) training_expiry_reminders --verbosity 0 || true; \
	      $(LOCAL) $(MANAGE) support_plan_reminders --verbosity 0 || true; fi; \
	    if [ $$((i % 288)) -eq 0 ]; then $(LOCAL) $(MANAGE) search_reindex --verbosity 0 || true; fi; \
	    i=$$((i + 1)); sleep 300; done ) & sweep=$$!; \
	trap "kill $$worker $$sweep 2>/dev/null" EXIT INT TERM; \
	$(LOCAL) $(VENV)/bin/gunicorn councillor_hub.config.wsgi --bind $(HOST):$(PORT) \
	  --workers 3 --threads 4 --access-logfile - --env DJANGO_SETTINGS_MODULE=councillor_hub.config.settings.local

dev: install ## Development server with DEBUG on and auto-reload
	$(MANAGE) migrate --noinput
	$(MANAGE) runserver $(HOST):$(PORT)

demo-data: install ## Rebuild the demo council from scratch (deletes everything)
	$(LOCAL) $(MANAGE) migrate --noinput
	$(LOCAL) $(MANAGE) demo_data --reset

worker: install ## Run the background task worker
	$(LOCAL) $(MANAGE) db_worker

sweep: install ## Run the scheduled jobs once: enquiries sweep (every few minutes), retention sweep, review, training and support plan reminders (hourly), search index rebuild (nightly)
	$(LOCAL) $(MANAGE) enquiries_sweep
	$(LOCAL) $(MANAGE) retention_sweep
	$(LOCAL) $(MANAGE) library_review_reminders
	$(LOCAL) $(MANAGE) emergency_review_reminders
	$(LOCAL) $(MANAGE) training_expiry_reminders
	$(LOCAL) $(MANAGE) support_plan_reminders
	$(LOCAL) $(MANAGE) search_reindex

lint: install ## ruff format check and lint
	$(VENV)/bin/ruff format --check $(LINT_PATHS)
	$(VENV)/bin/ruff check $(LINT_PATHS)

format: install ## Format and fix lint where safe
	$(VENV)/bin/ruff format $(LINT_PATHS)
	$(VENV)/bin/ruff check --fix $(LINT_PATHS)

check-migrations: install ## Fail if models and migrations disagree
	DJANGO_SETTINGS_MODULE=councillor_hub.config.settings.test $(MANAGE) makemigrations --check --dry-run

test-sqlite: install ## Unit and view tests on SQLite
	$(VENV)/bin/pytest -m "not browser" -q -n auto

test-postgres: install ## Unit and view tests on a throwaway PostgreSQL cluster
	scripts/with_postgres.sh $(VENV)/bin/pytest -m "not browser" -q -n auto

test-browser: install ## Browser journeys and accessibility scans in Debian's Chromium
	$(VENV)/bin/pytest -m browser -q -p no:randomly

test: install ## Install everything (incl. PostgreSQL, Chromium) and run every check and test
	scripts/install_system_packages.sh
	$(MAKE) --no-print-directory lint check-migrations
	DJANGO_SETTINGS_MODULE=councillor_hub.config.settings.production DJANGO_SECRET_KEY=$$(python3 -c 'import secrets;print(secrets.token_urlsafe(64))') \
	  DJANGO_ALLOWED_HOSTS=hub.example.org $(MANAGE) check --deploy --fail-level WARNING
	$(MAKE) --no-print-directory test-sqlite test-postgres test-browser

PRESET ?= full
BENCH_ARGS ?=
$(VENV)/.bench-installed: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	touch $@

bench: install $(VENV)/.bench-installed ## Benchmark on SQLite and PostgreSQL at scale (PRESET=small for a quick run; BENCH_ARGS="--dbs sqlite --duration 10 ..."; see bench/README.md)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || scripts/install_system_packages.sh
	$(PY) bench/run.py --preset $(PRESET) $(BENCH_ARGS)

clean: ## Remove the virtual environment, node_modules and local data
	rm -rf $(VENV) node_modules var
