# The two commands a new machine needs: `make run` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# A Python 3.12+ interpreter: PYTHON=... wins, else scripts/find-python looks on PATH and in pyenv.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
PYTHON_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# In development every absolute link (mail, calendar files, sitemap, robots.txt, feeds, exports, the
# PDF, the API) is built from the address served: `make run PORT=8110` links to :8110. A SITE_URL
# in the environment wins.
DEV_SITE_URL = http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
PYTEST_ARGS ?=
# The Python suite runs on two processes (pytest-xdist), each with its own test database. A module's
# tests stay on one process, so that its module-scoped fixtures (the demo content) are built once;
# after a test that empties its database, tests/conftest.py fills it again.
PARALLEL ?= -n 2 --dist loadfile
# Every app's template folder (HTML only: djhtml leaves the .txt email templates alone).
TEMPLATE_DIRS := $(shell find . -path ./node_modules -prune -o -path ./$(VENV) -prune -o -type d -name templates -print)

.PHONY: help install lock run serve serve-production migrate test-production demo test test-postgres test-browser lint format check-migrations check-deploy ci clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 or newer found. Install one (e.g. 'pyenv install 3.12' or Debian's python3.12)"; \
		echo "and run make again, or name it: make run PYTHON=/path/to/python3.12"; \
		exit 1; \
	fi
	"$(PYTHON)" -m venv $(VENV)

# Python packages come from the lock files (exact versions with hashes); `make lock` renews them.
LOCK_FILE := requirements-dev.lock
UV := $(BIN)/python -m uv
LOCK_OPTIONS := --universal --python-version 3.12 --generate-hashes --quiet --custom-compile-command "make lock"

$(PYTHON_STAMP): pyproject.toml requirements.lock $(LOCK_FILE) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK_FILE)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 20 or newer with npm."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(PYTHON_STAMP) $(NODE_STAMP) ## Create .venv and install Python and npm dependencies

lock: | $(BIN)/python ## Renew the Python lock files after changing pyproject.toml (UPGRADE=1: newest of everything)
	$(BIN)/python -m pip install --quiet "uv>=0.9,<1"
	$(UV) pip compile pyproject.toml $(LOCK_OPTIONS) $(if $(UPGRADE),--upgrade) -o requirements.lock
	$(UV) pip compile pyproject.toml --extra dev $(LOCK_OPTIONS) $(if $(UPGRADE),--upgrade) -o $(LOCK_FILE)

migrate: install ## Apply database migrations
	$(BIN)/python manage.py migrate --no-input

demo: migrate ## Load the demo content (safe to run again)
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py set_site_address

run serve demo: export SITE_URL ?= $(DEV_SITE_URL)

run: demo ## Install, migrate, load demo content and serve http://127.0.0.1:8000 on SQLite
	@$(BIN)/python manage.py show_demo_accounts
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: install ## Serve the site without reloading demo content
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production installs requirements.lock only (no development tools), as the runbook's install does.
PRODUCTION_STAMP := $(VENV)/.installed-production

$(PRODUCTION_STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

serve-production: $(PRODUCTION_STAMP) $(NODE_STAMP) ## Run it as production does: gunicorn, task worker, scheduler, on local PostgreSQL and Redis (plain HTTP)
	scripts/serve-production

test: install ## Run the Python test suite (SQLite unless DATABASE_URL says otherwise)
	$(BIN)/python -m pytest -m "not browser and not production" $(PARALLEL) $(PYTEST_ARGS)

test-postgres: install ## Run the Python test suite on the local PostgreSQL
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/network_site} $(BIN)/python -m pytest -m "not browser and not production" $(PARALLEL) $(PYTEST_ARGS)

test-production: install ## Run the site's processes as production does (needs local PostgreSQL and Redis)
	$(BIN)/python -m pytest -m production tests/production $(PYTEST_ARGS)

test-browser: install ## Run the browser tests in Chromium (needs /usr/bin/chromium)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

lint: install ## ruff check, ruff format --check and djhtml --check (templates)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $(TEMPLATE_DIRS)

format: install ## Reformat the code with ruff and the HTML templates with djhtml
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $(TEMPLATE_DIRS)

check-migrations: install ## Fail if a model changed without a migration
	$(BIN)/python manage.py makemigrations --check --dry-run

check-deploy: install ## Django's deployment checks with production settings and example values
	set -a && source .env.example && set +a && \
	DJANGO_SETTINGS_MODULE=network_site.settings.production \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

ci: ## Everything CI runs (see .ci/run)
	bash .ci/run

clean: ## Remove .venv, node_modules and the local SQLite database
	rm -rf $(VENV) node_modules db.sqlite3
